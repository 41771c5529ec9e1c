import type { CatalogServer, ServerUpdate } from '@sss/contracts/constants';

export const SORT_KEYS = ['group', 'name', 'cpu', 'memory', 'status'] as const;
export type SortKey = (typeof SORT_KEYS)[number];

/** A configured server that never reported (from `GET /api/catalog`): a card with its name and no values. */
export interface UnreportedServer {
  serverId: string;
  serverName: string;
  group?: string;
  countryCode?: string;
  online: false;
  lastSeen: null;
  unreported: true;
  system?: undefined;
}

/** What the board shows a card for. */
export type BoardServer = ServerUpdate | UnreportedServer;

export function isReported(server: BoardServer): server is ServerUpdate {
  return !('unreported' in server);
}

/**
 * The catalog's never-reported servers as cards. One that has reported is
 * in the dashboard's snapshot (its last report is kept across restarts).
 */
export function unreportedServers(catalog: readonly CatalogServer[]): UnreportedServer[] {
  return catalog
    .filter((s) => s.lastSeen === null)
    .map(({ serverId, name, group, countryCode }) => ({
      serverId,
      serverName: name,
      group,
      countryCode,
      online: false,
      lastSeen: null,
      unreported: true,
    }));
}

/** The live servers, then the never-reported ones that have not reported since (same objects, so their cards are not re-rendered). */
export function withUnreported(live: ReadonlyMap<string, ServerUpdate>, unreported: readonly UnreportedServer[]): BoardServer[] {
  const all: BoardServer[] = [...live.values()];
  for (const server of unreported) if (!live.has(server.serverId)) all.push(server);
  return all;
}

export interface GroupSection {
  /** The group name; '' holds the servers without one. */
  group: string;
  servers: BoardServer[];
}

/** Case-insensitive match on name, id, group or hostname; an empty query matches all. */
export function matchesQuery(server: BoardServer, query: string): boolean {
  const q = query.trim().toLowerCase();
  if (!q) return true;
  return [server.serverName, server.serverId, server.group, server.system?.hostname].some((field) => field?.toLowerCase().includes(q));
}

interface Keyed {
  server: BoardServer;
  name: string;
  group: string;
}

const PRIMARY: Record<SortKey, (a: Keyed, b: Keyed) => number> = {
  group: (a, b) => compareText(a.group, b.group),
  name: () => 0,
  // The busiest first: on a wall screen the top of the list is what gets read.
  cpu: (a, b) => cpuOf(b.server) - cpuOf(a.server),
  memory: (a, b) => memoryOf(b.server) - memoryOf(a.server),
  // Offline first: those are the ones that need someone.
  status: (a, b) => Number(a.server.online) - Number(b.server.online),
};

/** Servers without values rank below every reported one. */
const cpuOf = (server: BoardServer) => (isReported(server) ? server.cpu.percent : -1);
const memoryOf = (server: BoardServer) => (isReported(server) ? server.memory.usedPercent : -1);

/**
 * A new array sorted by `key`, ties broken by name then id. Runs on every
 * batch of updates, so the text keys are computed once per server and compared
 * as plain strings (Intl.Collator was the board's hottest function at 1,000 servers).
 */
export function sortServers<S extends BoardServer>(servers: readonly S[], key: SortKey): S[] {
  const keyed = servers.map((server) => ({
    server,
    name: `${naturalKey(server.serverName)}\u0000${server.serverId}`,
    group: groupKey(server.group),
  }));
  keyed.sort((a, b) => PRIMARY[key](a, b) || compareText(a.name, b.name));
  return keyed.map((k) => k.server);
}

/** Sections per group, in group-name order with the ungrouped last; keeps the order of `servers` inside each. */
export function groupServers(servers: readonly BoardServer[]): GroupSection[] {
  const sections = new Map<string, BoardServer[]>();
  for (const server of servers) {
    const group = server.group ?? '';
    const list = sections.get(group);
    if (list) list.push(server);
    else sections.set(group, [server]);
  }
  return [...sections].map(([group, list]) => ({ group, servers: list })).sort((a, b) => compareText(groupKey(a.group), groupKey(b.group)));
}

/** naturalKey's results: names and groups rarely change, the board sorts on every batch of updates. */
const naturalKeys = new Map<string, string>();

/** Case-insensitive, with digit runs padded so that `web-2` sorts before `web-10`. */
export function naturalKey(text: string): string {
  let key = naturalKeys.get(text);
  if (key === undefined) naturalKeys.set(text, (key = text.toLowerCase().replace(/\d+/g, (digits) => digits.padStart(12, '0'))));
  return key;
}

/** The ungrouped sort after every group. */
function groupKey(group: string | undefined): string {
  return group ? naturalKey(group) : '\uffff';
}

function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
