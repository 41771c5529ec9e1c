import { API_TOKEN_PREFIX, type ApiTokenCreated, type ApiTokenScope, type ApiTokenSummary } from '@sss/contracts';
import type { Principal } from '../domain/account';
import { roleOfScope, tokenActor, tokenExpired } from '../domain/api-token';
import type { AuditTrail } from './audit-trail';
import type { AccountCrypto } from './ports/account-crypto.port';
import type { AccountStore } from './ports/account-store.port';

/** A token's last use is written at most this often, not on every scrape. */
const TOUCH_EVERY_MS = 60_000;
/** 32 random bytes: a secret this strong needs no slow hash, so a lookup by its sha256 is safe. */
const SECRET_BYTES = 32;

/** Who acts, and from where: for the audit log. */
export interface Actor {
  name: string;
  remote: string;
}

/**
 * API tokens for scripts and Prometheus (`Authorization: Bearer sss_...`):
 * made by an admin, shown once, kept as a hash, scoped, optionally expiring,
 * revocable. A token stays valid when the admin who made it is removed:
 * scripts keep running, and the list says who made each one.
 */
export class ApiTokens {
  constructor(
    private readonly store: AccountStore,
    private readonly crypto: AccountCrypto,
    private readonly audit: AuditTrail,
    private readonly now: () => number,
  ) {}

  async create(name: string, scope: ApiTokenScope, expiresAt: number | null, actor: Actor): Promise<ApiTokenCreated> {
    const token = API_TOKEN_PREFIX + this.crypto.newToken(SECRET_BYTES);
    const summary: ApiTokenSummary = {
      id: this.crypto.newToken(9),
      name,
      scope,
      createdBy: actor.name,
      createdAt: this.now(),
      lastUsedAt: null,
      expiresAt,
    };
    await this.store.createToken({ ...summary, tokenHash: this.crypto.digest(token) });
    await this.audit.record({
      actor: actor.name,
      action: 'token.create',
      target: name,
      remote: actor.remote,
      detail: `scope ${scope}${expiresAt === null ? '' : `, expires ${new Date(expiresAt).toISOString()}`}`,
    });
    return { ...summary, token };
  }

  list(): Promise<ApiTokenSummary[]> {
    return this.store.listTokens();
  }

  /** false: no such token. */
  async revoke(id: string, actor: Actor): Promise<boolean> {
    const name = (await this.store.listTokens()).find((t) => t.id === id)?.name;
    if (name === undefined || !(await this.store.deleteToken(id))) return false;
    await this.audit.record({ actor: actor.name, action: 'token.revoke', target: name, remote: actor.remote });
    return true;
  }

  /** The rights `secret` carries while it exists and has not expired; undefined otherwise. */
  async authenticate(secret: string): Promise<Principal | undefined> {
    if (!secret.startsWith(API_TOKEN_PREFIX)) return undefined;
    const now = this.now();
    const token = await this.store.findToken(this.crypto.digest(secret));
    if (!token || tokenExpired(token, now)) return undefined;
    if (token.lastUsedAt === null || now - token.lastUsedAt >= TOUCH_EVERY_MS) await this.store.touchToken(token.id, now);
    return { username: tokenActor(token.name), role: roleOfScope(token.scope) };
  }
}
