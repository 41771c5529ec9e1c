import type { CatalogServer } from '@sss/contracts';
import type { ServerCatalog } from '../../catalog';
import type { FleetRegistry } from './fleet-state';

/** `GET /api/catalog`: every server that may report, with when it last did; never a secret. */
export class CatalogQuery {
  constructor(
    private readonly catalog: ServerCatalog,
    private readonly registry: FleetRegistry,
  ) {}

  list(): CatalogServer[] {
    return this.catalog.list().map(({ id, name, group, countryCode, weight }) => ({
      serverId: id,
      // The configured name, else the id: the agent's own name is in its report, on /ws-frontend.
      name: name ?? id,
      ...(group ? { group } : {}),
      ...(countryCode ? { countryCode } : {}),
      weight: weight ?? 0,
      lastSeen: this.registry.get(id)?.lastSeen ?? null,
    }));
  }
}
