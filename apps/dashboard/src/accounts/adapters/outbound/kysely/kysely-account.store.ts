import type { Kysely } from 'kysely';
import type { Database } from '../../../../platform/storage/database';
import type { AccountStore } from '../../../application/ports/account-store.port';
import { API_TOKEN_SCOPES, type ApiTokenScope } from '@sss/contracts';
import { type Principal, ROLES, type Role, type Session, type User } from '../../../domain/account';
import type { ApiToken } from '../../../domain/api-token';

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

  async listUsers(): Promise<Principal[]> {
    const rows = await this.db.selectFrom('account_user').select(['username', 'role']).orderBy('username').execute();
    return rows.map((row) => ({ username: row.username, role: roleOf(row.role) }));
  }

  async countAdmins(): Promise<number> {
    const row = await this.db
      .selectFrom('account_user')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('role', '=', 'admin')
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

  async deleteUser(username: string): Promise<boolean> {
    return this.db.transaction().execute(async (tx) => {
      await tx.deleteFrom('account_session').where('username', '=', username).execute();
      const result = await tx.deleteFrom('account_user').where('username', '=', username).executeTakeFirst();
      return Number(result.numDeletedRows) > 0;
    });
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

  async createToken(token: ApiToken): Promise<void> {
    await this.db
      .insertInto('account_api_token')
      .values({
        id: token.id,
        name: token.name,
        scope: token.scope,
        token_hash: token.tokenHash,
        created_by: token.createdBy,
        created_at: token.createdAt,
        last_used_at: token.lastUsedAt,
        expires_at: token.expiresAt,
      })
      .execute();
  }

  async listTokens(): Promise<Omit<ApiToken, 'tokenHash'>[]> {
    const rows = await this.db
      .selectFrom('account_api_token')
      .select(['id', 'name', 'scope', 'created_by', 'created_at', 'last_used_at', 'expires_at'])
      .orderBy('created_at')
      .orderBy('id')
      .execute();
    return rows.map(tokenOf);
  }

  async findToken(tokenHash: string): Promise<ApiToken | undefined> {
    const row = await this.db.selectFrom('account_api_token').selectAll().where('token_hash', '=', tokenHash).executeTakeFirst();
    return row && { ...tokenOf(row), tokenHash: row.token_hash };
  }

  async touchToken(id: string, lastUsedAt: number): Promise<void> {
    await this.db.updateTable('account_api_token').set({ last_used_at: lastUsedAt }).where('id', '=', id).execute();
  }

  async deleteToken(id: string): Promise<boolean> {
    const result = await this.db.deleteFrom('account_api_token').where('id', '=', id).executeTakeFirst();
    return Number(result.numDeletedRows) > 0;
  }
}

type TokenRow = Omit<Database['account_api_token'], 'token_hash'>;

function tokenOf(row: TokenRow): Omit<ApiToken, 'tokenHash'> {
  return {
    id: row.id,
    name: row.name,
    scope: scopeOf(row.scope),
    createdBy: row.created_by,
    createdAt: Number(row.created_at),
    lastUsedAt: row.last_used_at === null ? null : Number(row.last_used_at),
    expiresAt: row.expires_at === null ? null : Number(row.expires_at),
  };
}

function scopeOf(text: string): ApiTokenScope {
  if ((API_TOKEN_SCOPES as readonly string[]).includes(text)) return text as ApiTokenScope;
  throw new Error(`unknown scope ${text} in account_api_token`);
}

function roleOf(text: string): Role {
  if ((ROLES as readonly string[]).includes(text)) return text as Role;
  throw new Error(`unknown role ${text} in account_user`);
}
