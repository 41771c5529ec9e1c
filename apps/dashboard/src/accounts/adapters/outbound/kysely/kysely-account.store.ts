import type { Kysely } from 'kysely';
import type { Database } from '../../../../platform/storage/database';
import type { AccountStore } from '../../../application/ports/account-store.port';
import { ROLES, type Role, type Session, type User } from '../../../domain/account';

/** AccountStore over Kysely (SQLite or PostgreSQL). */
export class KyselyAccountStore implements AccountStore {
  constructor(private readonly db: Kysely<Database>) {}

  async findUser(username: string): Promise<User | undefined> {
    const row = await this.db.selectFrom('account_user').selectAll().where('username', '=', username).executeTakeFirst();
    return row && { username: row.username, role: roleOf(row.role), passwordHash: row.password_hash };
  }

  async countUsers(): Promise<number> {
    const row = await this.db
      .selectFrom('account_user')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    return Number(row.n);
  }

  async createUser(user: User): Promise<void> {
    await this.db
      .insertInto('account_user')
      .values({ username: user.username, role: user.role, password_hash: user.passwordHash })
      .execute();
  }

  async setPasswordHash(username: string, passwordHash: string): Promise<void> {
    await this.db.updateTable('account_user').set({ password_hash: passwordHash }).where('username', '=', username).execute();
  }

  async setRole(username: string, role: Role): Promise<void> {
    await this.db.updateTable('account_user').set({ role }).where('username', '=', username).execute();
  }

  async createSession(session: Session): Promise<void> {
    await this.db
      .insertInto('account_session')
      .values({
        token_hash: session.tokenHash,
        username: session.username,
        created_at: session.createdAt,
        last_seen_at: session.lastSeenAt,
      })
      .execute();
  }

  async findSession(tokenHash: string): Promise<Session | undefined> {
    const row = await this.db.selectFrom('account_session').selectAll().where('token_hash', '=', tokenHash).executeTakeFirst();
    return (
      row && { tokenHash: row.token_hash, username: row.username, createdAt: Number(row.created_at), lastSeenAt: Number(row.last_seen_at) }
    );
  }

  async touchSession(tokenHash: string, lastSeenAt: number): Promise<void> {
    await this.db.updateTable('account_session').set({ last_seen_at: lastSeenAt }).where('token_hash', '=', tokenHash).execute();
  }

  async deleteSession(tokenHash: string): Promise<void> {
    await this.db.deleteFrom('account_session').where('token_hash', '=', tokenHash).execute();
  }

  async deleteSessionsOf(username: string): Promise<void> {
    await this.db.deleteFrom('account_session').where('username', '=', username).execute();
  }

  async deleteExpiredSessions(idleBefore: number, createdBefore: number): Promise<number> {
    const result = await this.db
      .deleteFrom('account_session')
      .where((eb) => eb.or([eb('last_seen_at', '<=', idleBefore), eb('created_at', '<=', createdBefore)]))
      .executeTakeFirst();
    return Number(result.numDeletedRows);
  }
}

function roleOf(text: string): Role {
  if ((ROLES as readonly string[]).includes(text)) return text as Role;
  throw new Error(`unknown role ${text} in account_user`);
}
