/** The cryptography accounts need, behind one port: slow password hashes and random tokens. */
export interface AccountCrypto {
  /** argon2id, salted, in its standard encoded form. */
  hashPassword(password: string): Promise<string>;
  /** Never throws on a malformed hash: it answers false. */
  verifyPassword(hash: string, password: string): Promise<boolean>;
  /** A new unguessable token (URL-safe). */
  newToken(bytes: number): string;
  /** A token's fast one-way hash, for storing and looking it up. */
  digest(token: string): string;
  /** Compares two texts in a time that does not depend on where they differ. */
  same(a: string, b: string): boolean;
}

export const ACCOUNT_CRYPTO = Symbol('AccountCrypto');
