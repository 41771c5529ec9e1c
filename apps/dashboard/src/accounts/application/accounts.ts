import { type Principal, type SessionLimits, sessionExpired, type User } from '../domain/account';
import { LoginThrottle } from '../domain/login-throttle';
import type { AuditTrail } from './audit-trail';
import type { AccountStore } from './ports/account-store.port';
import type { AccountCrypto } from './ports/account-crypto.port';

const MINUTE = 60_000;
/** A session's last use is written at most this often, not on every request. */
const TOUCH_EVERY_MS = MINUTE;
export const MIN_PASSWORD_LENGTH = 10;

export interface AccountsOptions {
  /** The admin of the config file (`admin.passwordHash`): never stored, its password changed only there. */
  configuredAdmin?: User;
  limits: SessionLimits;
  now: () => number;
}

export type LoginResult =
  { outcome: 'ok'; token: string; principal: Principal } | { outcome: 'invalid' } | { outcome: 'throttled'; retryAfterSeconds: number };

export type PasswordChange = 'changed' | 'wrong-password' | 'set-in-config';

/**
 * Logins, sessions and the first admin. Failed logins are limited per
 * address and per account; an unknown user costs the same hashing as a
 * wrong password, so neither answer nor timing says which it was.
 */
export class Accounts {
  private readonly byAddress = new LoginThrottle({ failures: 20, windowMs: 10 * MINUTE });
  private readonly byAccount = new LoginThrottle({ failures: 5, windowMs: 10 * MINUTE });
  private setupToken?: string;
  private decoyHash?: Promise<string>;

  constructor(
    private readonly store: AccountStore,
    private readonly crypto: AccountCrypto,
    private readonly audit: AuditTrail,
    private readonly options: AccountsOptions,
  ) {}

  async login(username: string, password: string, address: string): Promise<LoginResult> {
    const now = this.options.now();
    const account = `user:${username.toLowerCase()}`;
    const wait = Math.max(this.byAddress.waitMs(`ip:${address}`, now), this.byAccount.waitMs(account, now));
    if (wait > 0) return { outcome: 'throttled', retryAfterSeconds: Math.ceil(wait / 1000) };
    const user = await this.user(username);
    const matches = await this.crypto.verifyPassword(user?.passwordHash ?? (await this.decoy()), password);
    if (!user || !matches) {
      this.byAddress.fail(`ip:${address}`, now);
      this.byAccount.fail(account, now);
      await this.audit.record({ actor: username, action: 'auth.login-failed', target: '', remote: address });
      return { outcome: 'invalid' };
    }
    this.byAddress.succeed(`ip:${address}`);
    this.byAccount.succeed(account);
    await this.store.deleteExpiredSessions(now - this.options.limits.idleMs, now - this.options.limits.maxMs);
    await this.audit.record({ actor: user.username, action: 'auth.login', target: '', remote: address });
    return { outcome: 'ok', token: await this.startSession(user.username, now), principal: principalOf(user) };
  }

  /** Who holds `token`, while its session and its user exist; undefined otherwise. */
  async authenticate(token: string | undefined): Promise<Principal | undefined> {
    if (!token) return undefined;
    const now = this.options.now();
    const tokenHash = this.crypto.digest(token);
    const session = await this.store.findSession(tokenHash);
    if (!session) return undefined;
    const user = await this.user(session.username);
    if (!user || sessionExpired(session, this.options.limits, now)) {
      await this.store.deleteSession(tokenHash);
      return undefined;
    }
    if (now - session.lastSeenAt >= TOUCH_EVERY_MS) await this.store.touchSession(tokenHash, now);
    return principalOf(user);
  }

  async logout(token: string | undefined): Promise<void> {
    if (token) await this.store.deleteSession(this.crypto.digest(token));
  }

  /** A new password ends every session of the user, this one included. */
  async changePassword(username: string, current: string, next: string, address: string): Promise<PasswordChange> {
    if (username === this.options.configuredAdmin?.username) return 'set-in-config';
    const user = await this.store.findUser(username);
    if (!user || !(await this.crypto.verifyPassword(user.passwordHash, current))) return 'wrong-password';
    await this.store.setPasswordHash(username, await this.crypto.hashPassword(next));
    await this.store.deleteSessionsOf(username);
    await this.audit.record({ actor: username, action: 'auth.password', target: username, remote: address });
    return 'changed';
  }

  /**
   * With no admin in the config and no user stored, a one-time token for
   * creating the first admin (shown once, in the dashboard's start log);
   * undefined when there is an admin already.
   */
  async openSetup(): Promise<string | undefined> {
    if (this.options.configuredAdmin || (await this.store.countUsers()) > 0) return undefined;
    this.setupToken = this.crypto.newToken(24);
    return this.setupToken;
  }

  /** Creates the first admin with the setup token, once, and logs them in. */
  async setup(token: string, username: string, password: string, address: string): Promise<LoginResult> {
    const expected = this.setupToken;
    if (!expected || !this.crypto.same(token, expected) || (await this.store.countUsers()) > 0) return { outcome: 'invalid' };
    this.setupToken = undefined;
    await this.store.createUser({ username, role: 'admin', passwordHash: await this.crypto.hashPassword(password) });
    await this.audit.record({ actor: username, action: 'auth.setup', target: username, remote: address });
    return this.login(username, password, address);
  }

  private async user(username: string): Promise<User | undefined> {
    const configured = this.options.configuredAdmin;
    if (configured && username === configured.username) return configured;
    return this.store.findUser(username);
  }

  private async startSession(username: string, now: number): Promise<string> {
    const token = this.crypto.newToken(32);
    await this.store.createSession({ tokenHash: this.crypto.digest(token), username, createdAt: now, lastSeenAt: now });
    return token;
  }

  /** A real hash of a random password, made once: verifying against it costs what a real account costs. */
  private decoy(): Promise<string> {
    this.decoyHash ??= this.crypto.hashPassword(this.crypto.newToken(16));
    return this.decoyHash;
  }
}

function principalOf(user: User): Principal {
  return { username: user.username, role: user.role };
}
