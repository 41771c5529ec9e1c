/** An enrollment key made in the admin console, as stored: its secret only as a hash. */
export interface StoredEnrollmentKey {
  id: string;
  name: string;
  /** As written; anchoredIdPattern compiles it. */
  idPattern: string;
  group?: string;
  /** Unix ms from which it registers nothing. */
  expiresAt?: number;
  revoked: boolean;
  /** As SecretHasher.hash gives it. */
  secretHash: string;
  createdAt: number;
  createdBy: string;
}

/** Where the enrollment keys made while running are kept. */
export interface EnrollmentKeyStore {
  list(): Promise<StoredEnrollmentKey[]>;
  /** Rejects when the id exists. */
  insert(key: StoredEnrollmentKey): Promise<void>;
  /** Replaces every field but the id. */
  update(key: StoredEnrollmentKey): Promise<void>;
  delete(id: string): Promise<void>;
}

export const ENROLLMENT_KEY_STORE = Symbol('EnrollmentKeyStore');
