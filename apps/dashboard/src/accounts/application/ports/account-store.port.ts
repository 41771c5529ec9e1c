import type { Role, Session, User } from '../../domain/account';

/** Users and their sessions, kept in the dashboard's database. */
export interface AccountStore {
  findUser(username: string): Promise<User | undefined>;
  countUsers(): Promise<number>;
  /** Fails when the username is taken. */
  createUser(user: User): Promise<void>;
  setPasswordHash(username: string, passwordHash: string): Promise<void>;
  setRole(username: string, role: Role): Promise<void>;
  createSession(session: Session): Promise<void>;
  findSession(tokenHash: string): Promise<Session | undefined>;
  touchSession(tokenHash: string, lastSeenAt: number): Promise<void>;
  deleteSession(tokenHash: string): Promise<void>;
  deleteSessionsOf(username: string): Promise<void>;
  /** Removes sessions past their idle or absolute limit; how many. */
  deleteExpiredSessions(idleBefore: number, createdBefore: number): Promise<number>;
}

export const ACCOUNT_STORE = Symbol('AccountStore');
