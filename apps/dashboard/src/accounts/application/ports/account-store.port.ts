import type { Principal, Role, Session, User } from '../../domain/account';
import type { ApiToken } from '../../domain/api-token';

/** Users, their sessions and the API tokens, kept in the dashboard's database. */
export interface AccountStore {
  findUser(username: string): Promise<User | undefined>;
  countUsers(): Promise<number>;
  /** The stored users (not the config file's admin), by username. */
  listUsers(): Promise<Principal[]>;
  countAdmins(): Promise<number>;
  /** Fails when the username is taken. */
  createUser(user: User): Promise<void>;
  setPasswordHash(username: string, passwordHash: string): Promise<void>;
  setRole(username: string, role: Role): Promise<void>;
  /** Removes the user and every session of theirs; false when there was no such user. */
  deleteUser(username: string): Promise<boolean>;
  createSession(session: Session): Promise<void>;
  findSession(tokenHash: string): Promise<Session | undefined>;
  touchSession(tokenHash: string, lastSeenAt: number): Promise<void>;
  deleteSession(tokenHash: string): Promise<void>;
  deleteSessionsOf(username: string): Promise<void>;
  /** Removes sessions past their idle or absolute limit; how many. */
  deleteExpiredSessions(idleBefore: number, createdBefore: number): Promise<number>;
  createToken(token: ApiToken): Promise<void>;
  /** Every token, oldest first, without its hash. */
  listTokens(): Promise<Omit<ApiToken, 'tokenHash'>[]>;
  findToken(tokenHash: string): Promise<ApiToken | undefined>;
  touchToken(id: string, lastUsedAt: number): Promise<void>;
  /** false when there was no such token. */
  deleteToken(id: string): Promise<boolean>;
}

export const ACCOUNT_STORE = Symbol('AccountStore');
