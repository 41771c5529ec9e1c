import type { ServerDetailResponse, ServerUpdate } from '@sss/contracts';
import type { ServerCatalog } from '../../catalog';
import type { FleetFeed } from './fleet-feed';
import type { FleetRegistry } from './fleet-state';

/** `GET /api/servers/:id`: one server's live state, including a configured server that never reported. */
export class ServerDetailQuery {
  private readonly decoder = new TextDecoder();

  constructor(
    private readonly catalog: ServerCatalog,
    private readonly registry: FleetRegistry,
    private readonly feed: FleetFeed,
  ) {}

  /** undefined: neither configured nor ever reported. */
  detail(serverId: string): ServerDetailResponse | undefined {
    const entry = this.catalog.get(serverId);
    const state = this.registry.get(serverId);
    if (!state) return entry && { serverId, name: entry.name ?? serverId, online: false, lastSeen: null, latest: null };
    // The frontend message as /ws-frontend sends it: report, online and lastSeen in one object.
    const latest = JSON.parse(this.decoder.decode(this.feed.message(state))) as ServerUpdate;
    return { serverId, name: entry?.name ?? latest.serverName, online: state.online, lastSeen: state.lastSeen, latest };
  }
}
