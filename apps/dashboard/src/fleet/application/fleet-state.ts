import type { ServerRegistry, ServerState } from '../domain/server-registry';
import type { CachedReport } from './ports/report-cache.port';

/** The registry as the fleet uses it: each server's report held by the ReportCache. */
export type FleetRegistry = ServerRegistry<CachedReport>;
export type FleetServerState = ServerState<CachedReport>;
