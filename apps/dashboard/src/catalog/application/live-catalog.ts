import type { AdminServerEdit } from '@sss/contracts';
import { Subject, type Observable } from 'rxjs';
import { SerialQueue } from '../domain/serial-queue';
import type { CredentialIndex } from './ports/credential-index.port';
import type { CatalogStore, StoredServer } from './ports/catalog-store.port';
import type { SecretHasher } from './ports/secret-hasher.port';
import type { CatalogEntry, ServerCatalog } from './ports/server-catalog.port';
import { ServerIdTakenError, type NewServer, type RegisteredVia, type ServerRegistration } from './ports/server-registration.port';

/** A change to who may report. `revoked`: the server's old secret no longer admits it (rotated, or the server removed). */
export type CatalogChange =
  { kind: 'added' | 'updated'; id: string } | { kind: 'revoked'; id: string } | { kind: 'removed'; id: string; purgeHistory: boolean };

/** What an admin may change on a stored server; null clears an optional field. */
export type ServerEdit = AdminServerEdit;

/** A stored server as an admin sees it: never its secret's hash. */
export type StoredServerView = Omit<StoredServer, 'secretHash'>;

export class UnknownServerError extends Error {
  constructor(readonly serverId: string) {
    super(`no server ${serverId}`);
  }
}

/** The server comes from the config file: it is changed there, not here. */
export class ReadOnlyServerError extends Error {
  constructor(readonly serverId: string) {
    super(`server ${serverId} is defined in the config file and is read-only here`);
  }
}

/**
 * Who may report: the config file's servers (read-only) and the servers
 * registered while running (stored). Answers from memory; every change is
 * stored first, then applied, then announced on `changes` so the fleet can
 * close an agent whose secret no longer holds. Changes run one at a time.
 */
export class LiveCatalog implements ServerCatalog, ServerRegistration {
  private readonly records = new Map<string, StoredServer>();
  /** Ids whose registration is being stored: taken already. */
  private readonly pending = new Set<string>();
  private ordered: CatalogEntry[] | undefined;
  private groups: readonly string[] = [];
  private readonly queue = new SerialQueue();
  private readonly changed = new Subject<CatalogChange>();
  readonly changes: Observable<CatalogChange> = this.changed.asObservable();
  private readonly ownChanges = new Subject<string>();
  /** The id of each server this dashboard itself changed in the store (not those `load` found): for the other replicas to read. */
  readonly edits: Observable<string> = this.ownChanges.asObservable();

  constructor(
    private readonly config: CredentialIndex,
    /** Starts empty: `load` fills it. */
    private readonly stored: CredentialIndex,
    private readonly store: CatalogStore,
    private readonly hasher: SecretHasher,
    private readonly now: () => number,
  ) {}

  /** Reads the stored servers and the group order again (at start, and to pick up other dashboards' changes), announcing what differs. */
  load(): Promise<void> {
    return this.queue.run(async () => {
      this.groups = await this.store.groupOrder();
      const fresh = new Map((await this.store.list()).map((s) => [s.id, s]));
      for (const [id, old] of this.records) {
        const now = fresh.get(id);
        if (!now) this.forget(id, false);
        else if (now.secretHash !== old.secretHash) this.changed.next({ kind: 'revoked', id });
      }
      for (const [id, server] of fresh) {
        const old = this.records.get(id);
        if (old && JSON.stringify(old) === JSON.stringify(server)) continue;
        this.apply(server);
        this.changed.next({ kind: old ? 'updated' : 'added', id });
      }
    });
  }

  authenticate(id: string | undefined, secret: string | undefined): CatalogEntry | undefined {
    return (id !== undefined && this.config.has(id) ? this.config : this.stored).authenticate(id, secret);
  }

  get(id: string): CatalogEntry | undefined {
    return this.config.get(id) ?? this.stored.get(id);
  }

  /** The config file's servers in their order, then the stored ones by weight and id. */
  list(): readonly CatalogEntry[] {
    this.ordered ??= [...this.config.list(), ...[...this.records.values()].sort(byWeight).map((s) => this.stored.get(s.id)!)];
    return this.ordered;
  }

  /** A stored server's full record; undefined for a config-file or unknown id. */
  storedServer(id: string): StoredServerView | undefined {
    const record = this.records.get(id);
    return record && withoutHash(record);
  }

  storedServers(): StoredServerView[] {
    return [...this.records.values()].sort(byWeight).map(withoutHash);
  }

  /** The board's order of groups, first first; groups not in it follow by name. */
  groupOrder(): readonly string[] {
    return this.groups;
  }

  /** Replaces the board's order of groups (each name once: the API checks). */
  setGroupOrder(groups: readonly string[]): Promise<readonly string[]> {
    return this.queue.run(async () => {
      await this.store.setGroupOrder(groups);
      this.groups = [...groups];
      return this.groups;
    });
  }

  isConfigured(id: string): boolean {
    return this.config.has(id);
  }

  /** Registers `server` (see ServerRegistration); an admin may set the other fields at once. */
  register(server: NewServer, via: RegisteredVia, details: ServerEdit = {}): Promise<{ entry: CatalogEntry; secret: string }> {
    if (this.isTaken(server.id)) return Promise.reject(new ServerIdTakenError(server.id));
    this.pending.add(server.id);
    return this.queue.run(async () => {
      try {
        const secret = this.hasher.newSecret();
        const record = edited(
          { ...server, tags: [], hidden: false, weight: 0, via, secretHash: this.hasher.hash(secret), createdAt: this.now() },
          details,
        );
        try {
          await this.store.insert(record);
        } catch (error) {
          // Another dashboard over the same database may have registered it first.
          if ((await this.store.list()).some((s) => s.id === server.id)) throw new ServerIdTakenError(server.id);
          throw error;
        }
        this.apply(record);
        this.changed.next({ kind: 'added', id: server.id });
        this.ownChanges.next(server.id);
        return { entry: this.stored.get(server.id)!, secret };
      } finally {
        this.pending.delete(server.id);
      }
    });
  }

  edit(id: string, edit: ServerEdit): Promise<StoredServerView> {
    return this.queue.run(async () => {
      const next = edited(this.recordOf(id), edit);
      await this.store.update(next);
      this.apply(next);
      this.changed.next({ kind: 'updated', id });
      this.ownChanges.next(id);
      return withoutHash(next);
    });
  }

  /** A new secret for a stored server: returned this once; the agent connected with the old one is closed. */
  rotateSecret(id: string): Promise<string> {
    return this.queue.run(async () => {
      const secret = this.hasher.newSecret();
      const next = { ...this.recordOf(id), secretHash: this.hasher.hash(secret) };
      await this.store.update(next);
      this.apply(next);
      this.changed.next({ kind: 'revoked', id });
      this.ownChanges.next(id);
      return secret;
    });
  }

  /** Removes a stored server; its history is purged or kept as asked. */
  remove(id: string, purgeHistory: boolean): Promise<void> {
    return this.queue.run(async () => {
      this.recordOf(id);
      await this.store.delete(id);
      this.forget(id, purgeHistory);
      this.ownChanges.next(id);
    });
  }

  private isTaken(id: string): boolean {
    return this.config.has(id) || this.records.has(id) || this.pending.has(id);
  }

  private recordOf(id: string): StoredServer {
    if (this.config.has(id)) throw new ReadOnlyServerError(id);
    const record = this.records.get(id);
    if (!record) throw new UnknownServerError(id);
    return record;
  }

  private apply(record: StoredServer): void {
    this.records.set(record.id, record);
    this.stored.set(entryOf(record), record.secretHash);
    this.ordered = undefined;
  }

  private forget(id: string, purgeHistory: boolean): void {
    this.records.delete(id);
    this.stored.delete(id);
    this.ordered = undefined;
    this.changed.next({ kind: 'revoked', id });
    this.changed.next({ kind: 'removed', id, purgeHistory });
  }
}

/** `record` with `edit` applied: null clears a field, undefined leaves it. */
function edited(record: StoredServer, edit: ServerEdit): StoredServer {
  const next: StoredServer = { ...record };
  for (const [key, value] of Object.entries(edit) as [keyof ServerEdit, unknown][]) {
    if (value === null) delete next[key];
    else if (value !== undefined) Object.assign(next, { [key]: value });
  }
  return next;
}

function entryOf({ id, name, group, countryCode, traffic, hidden, via, weight }: StoredServer): CatalogEntry {
  return {
    id,
    weight,
    ...(name !== undefined ? { name } : {}),
    ...(group !== undefined ? { group } : {}),
    ...(countryCode !== undefined ? { countryCode } : {}),
    ...(traffic ? { traffic } : {}),
    ...(hidden ? { hidden } : {}),
    via,
  };
}

function withoutHash({ secretHash: _hash, ...view }: StoredServer): StoredServerView {
  return view;
}

function byWeight(a: StoredServer, b: StoredServer): number {
  return a.weight - b.weight || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
}
