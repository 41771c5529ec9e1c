import type { UserSummary } from '@sss/contracts';
import type { Role, User } from '../domain/account';
import type { Actor } from './api-tokens';
import type { AuditTrail } from './audit-trail';
import type { AccountCrypto } from './ports/account-crypto.port';
import type { AccountStore } from './ports/account-store.port';

/** Why a change was refused: no such user, a name taken, the config file's admin, or the last admin. */
export type UserChangeRefusal = 'unknown' | 'exists' | 'set-in-config' | 'last-admin';

/**
 * Users as admins manage them. There is always an admin: the last one can be
 * neither removed nor demoted. Removing a user or setting their password ends
 * every session of theirs; a role change applies at their next request, as
 * each request reads the role anew. Changes run one at a time, so two admins
 * demoting each other at once cannot both pass the last-admin check.
 */
export class UserAdmin {
  private queue: Promise<unknown> = Promise.resolve();

  constructor(
    private readonly store: AccountStore,
    private readonly crypto: AccountCrypto,
    private readonly audit: AuditTrail,
    /** The admin of the config file (admin.passwordHash), listed but changed only there. */
    private readonly configuredAdmin: User | undefined,
  ) {}

  async list(): Promise<UserSummary[]> {
    const stored = (await this.store.listUsers()).map((u): UserSummary => ({ ...u, source: 'stored' }));
    const configured = this.configuredAdmin;
    return configured ? [{ username: configured.username, role: configured.role, source: 'config' }, ...stored] : stored;
  }

  add(username: string, role: Role, password: string, actor: Actor): Promise<UserChangeRefusal | undefined> {
    return this.serial(async () => {
      if (username === this.configuredAdmin?.username || (await this.store.findUser(username))) return 'exists';
      await this.store.createUser({ username, role, passwordHash: await this.crypto.hashPassword(password) });
      await this.audit.record({ actor: actor.name, action: 'user.add', target: username, remote: actor.remote, detail: `role ${role}` });
      return undefined;
    });
  }

  update(username: string, change: { role?: Role; password?: string }, actor: Actor): Promise<UserChangeRefusal | UserSummary> {
    return this.serial(async () => {
      if (username === this.configuredAdmin?.username) return 'set-in-config';
      const user = await this.store.findUser(username);
      if (!user) return 'unknown';
      if (change.role && change.role !== user.role) {
        if (user.role === 'admin' && (await this.admins()) <= 1) return 'last-admin';
        await this.store.setRole(username, change.role);
        await this.audit.record({
          actor: actor.name,
          action: 'user.role',
          target: username,
          remote: actor.remote,
          detail: `${user.role} -> ${change.role}`,
        });
      }
      if (change.password !== undefined) {
        await this.store.setPasswordHash(username, await this.crypto.hashPassword(change.password));
        await this.store.deleteSessionsOf(username);
        await this.audit.record({ actor: actor.name, action: 'user.password', target: username, remote: actor.remote });
      }
      return { username, role: change.role ?? user.role, source: 'stored' };
    });
  }

  remove(username: string, actor: Actor): Promise<UserChangeRefusal | undefined> {
    return this.serial(async () => {
      if (username === this.configuredAdmin?.username) return 'set-in-config';
      const user = await this.store.findUser(username);
      if (!user) return 'unknown';
      if (user.role === 'admin' && (await this.admins()) <= 1) return 'last-admin';
      if (!(await this.store.deleteUser(username))) return 'unknown';
      await this.audit.record({ actor: actor.name, action: 'user.remove', target: username, remote: actor.remote });
      return undefined;
    });
  }

  private async admins(): Promise<number> {
    return (await this.store.countAdmins()) + (this.configuredAdmin ? 1 : 0);
  }

  private serial<T>(work: () => Promise<T>): Promise<T> {
    const run = this.queue.then(work, work);
    this.queue = run.catch(() => undefined);
    return run;
  }
}
