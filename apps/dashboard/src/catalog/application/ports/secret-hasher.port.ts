/** Server secrets: made random, kept only hashed. */
export interface SecretHasher {
  /** A new unguessable secret (URL-safe). */
  newSecret(): string;
  /** The secret's one-way hash, hex: what is stored. */
  hash(secret: string): string;
}
