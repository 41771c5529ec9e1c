import { randomBytes } from 'node:crypto';
import type { CatalogEntry, ServerCatalog } from '../../../application/ports/server-catalog.port';
import {
  type NewServer,
  type RegisteredVia,
  ServerIdTakenError,
  type ServerRegistration,
} from '../../../application/ports/server-registration.port';
import { ConfigServerCatalog } from '../config/config-server-catalog';

/**
 * STOPGAP until the stored catalog lands: the config file's servers plus the
 * ones registered while running, kept in memory only (lost on restart).
 */
export class InMemoryServerCatalog implements ServerCatalog, ServerRegistration {
  /** Each registered server in a one-entry catalog of its own, by id. */
  private readonly registered = new Map<string, ConfigServerCatalog>();

  constructor(private readonly configured: ConfigServerCatalog) {}

  authenticate(id: string | undefined, secret: string | undefined): CatalogEntry | undefined {
    const holder = id === undefined ? undefined : this.holderOf(id);
    return (holder ?? this.configured).authenticate(id, secret);
  }

  get(id: string): CatalogEntry | undefined {
    return this.holderOf(id)?.get(id) ?? this.configured.get(id);
  }

  list(): readonly CatalogEntry[] {
    return [...this.configured.list(), ...[...this.registered.values()].flatMap((c) => c.list())];
  }

  register(server: NewServer, via: RegisteredVia): Promise<{ entry: CatalogEntry; secret: string }> {
    if (this.get(server.id)) return Promise.reject(new ServerIdTakenError(server.id));
    const secret = randomBytes(32).toString('base64url');
    const catalog = new ConfigServerCatalog([{ ...server, secret }]);
    const entry = catalog.get(server.id)!;
    entry.via = via;
    this.registered.set(server.id, catalog);
    return Promise.resolve({ entry, secret });
  }

  private holderOf(id: string): ConfigServerCatalog | undefined {
    return this.registered.get(id);
  }
}
