import type { AdminEnrollmentKey } from '@sss/contracts';
import { SerialQueue, type SecretHasher } from '../../catalog';
import { anchoredIdPattern, EnrollmentKey } from '../domain/enrollment-key';
import type { EnrollmentKeyStore, StoredEnrollmentKey } from './ports/enrollment-key-store.port';
import type { EnrollmentKeys } from './ports/enrollment-keys.port';
import type { KeyIndex } from './ports/key-index.port';

/** A key of the config file's `enrollment.keys`: its secret resolved, its pattern as written. */
export interface ConfiguredKey {
  secret: string;
  idPattern: string;
  group?: string;
  expiresAt?: number;
  revoked: boolean;
}

/** What an admin gives to make a key. */
export interface NewEnrollmentKey {
  name: string;
  idPattern: string;
  group?: string;
  expiresAt?: number;
}

export class UnknownKeyError extends Error {
  constructor(readonly keyId: string) {
    super(`no enrollment key ${keyId}`);
  }
}

/** The key comes from the config file: it is changed there, not here. */
export class ReadOnlyKeyError extends Error {
  constructor(readonly keyId: string) {
    super(`enrollment key ${keyId} is defined in the config file and is read-only here`);
  }
}

/**
 * The enrollment keys: the config file's (read-only, ids `config-1`...) and
 * the ones made in the admin console (stored). Answers agents from memory;
 * every change is stored first, then applied, so a revoked or deleted key
 * stops enrolling on this dashboard at once (other dashboards over the same
 * database when they `load` again). Changes run one at a time.
 */
export class LiveEnrollmentKeys implements EnrollmentKeys {
  private readonly configured: AdminEnrollmentKey[];
  private readonly records = new Map<string, StoredEnrollmentKey>();
  private readonly queue = new SerialQueue();

  constructor(
    configured: readonly ConfiguredKey[],
    private readonly index: KeyIndex,
    private readonly store: EnrollmentKeyStore,
    private readonly hasher: SecretHasher,
    private readonly now: () => number,
  ) {
    this.configured = configured.map(({ secret, ...key }, i) => {
      const view: AdminEnrollmentKey = { id: `config-${i + 1}`, source: 'config', name: `enrollment.keys[${i}]`, ...key };
      this.index.set(view.id, this.hasher.hash(secret), ruleOf(view));
      return view;
    });
  }

  get any(): boolean {
    return this.index.size > 0;
  }

  find(secret: string): EnrollmentKey | undefined {
    return this.index.find(this.hasher.hash(secret));
  }

  /** The config file's keys in their order, then the stored ones, oldest first. Never a secret or its hash. */
  list(): AdminEnrollmentKey[] {
    const stored = [...this.records.values()].sort((a, b) => a.createdAt - b.createdAt || (a.id < b.id ? -1 : 1));
    return [...this.configured, ...stored.map(viewOf)];
  }

  /** Reads the stored keys again (at start, and to pick up other dashboards' changes). */
  load(): Promise<void> {
    return this.queue.run(async () => {
      const fresh = new Map((await this.store.list()).map((k) => [k.id, k]));
      for (const id of this.records.keys()) if (!fresh.has(id)) this.forget(id);
      for (const key of fresh.values()) this.apply(key);
    });
  }

  /** Makes a key with a fresh random secret, returned this once and kept only hashed. */
  create(key: NewEnrollmentKey, createdBy: string): Promise<{ key: AdminEnrollmentKey; secret: string }> {
    return this.queue.run(async () => {
      const secret = this.hasher.newSecret();
      const record: StoredEnrollmentKey = {
        // A second random value, not derived from the secret: the id is shown and logged.
        id: this.hasher.newSecret().slice(0, 16),
        ...key,
        revoked: false,
        secretHash: this.hasher.hash(secret),
        createdAt: this.now(),
        createdBy,
      };
      await this.store.insert(record);
      this.apply(record);
      return { key: viewOf(record), secret };
    });
  }

  /** The key enrolls nothing from now on; servers it enrolled keep their own secrets. */
  revoke(id: string): Promise<AdminEnrollmentKey> {
    return this.queue.run(async () => {
      const next = { ...this.recordOf(id), revoked: true };
      await this.store.update(next);
      this.apply(next);
      return viewOf(next);
    });
  }

  remove(id: string): Promise<void> {
    return this.queue.run(async () => {
      this.recordOf(id);
      await this.store.delete(id);
      this.forget(id);
    });
  }

  private recordOf(id: string): StoredEnrollmentKey {
    if (this.configured.some((k) => k.id === id)) throw new ReadOnlyKeyError(id);
    const record = this.records.get(id);
    if (!record) throw new UnknownKeyError(id);
    return record;
  }

  private apply(record: StoredEnrollmentKey): void {
    this.records.set(record.id, record);
    this.index.set(record.id, record.secretHash, ruleOf(record));
  }

  private forget(id: string): void {
    this.records.delete(id);
    this.index.delete(id);
  }
}

function ruleOf({ idPattern, group, expiresAt, revoked }: Pick<AdminEnrollmentKey, 'idPattern' | 'group' | 'expiresAt' | 'revoked'>) {
  return new EnrollmentKey(anchoredIdPattern(idPattern), group, expiresAt, revoked);
}

function viewOf({ secretHash: _hash, ...key }: StoredEnrollmentKey): AdminEnrollmentKey {
  return { source: 'stored', ...key };
}
