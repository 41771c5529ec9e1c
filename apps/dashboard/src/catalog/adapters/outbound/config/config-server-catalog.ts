import type { ServerEntryConfig } from '../../../../platform/config/dashboard-config';
import { NodeSecretHasher } from '../crypto/node-secret.hasher';
import { CatalogIndex } from '../memory/catalog-index';

/** The catalog of servers listed in the config file; secrets stay inside it, hashed. */
export class ConfigServerCatalog extends CatalogIndex {
  constructor(servers: readonly ServerEntryConfig[]) {
    super();
    const hasher = new NodeSecretHasher();
    for (const { secret, ...entry } of servers) this.set(entry, hasher.hash(secret));
  }
}
