import type { ServerUpdate } from '@sss/contracts/constants';

export const SORT_KEYS = ['group', 'name', 'cpu', 'memory', 'status'] as const;
export type SortKey = (typeof SORT_KEYS)[number];

export interface GroupSection {
  /** The group name; '' holds the servers without one. */
  group: string;
  servers: ServerUpdate[];
}

/** Case-insensitive match on name, id, group or hostname; an empty query matches all. */
export function matchesQuery(server: ServerUpdate, query: string): boolean {
  const q = query.trim().toLowerCase();
  if (!q) return true;
  return [server.serverName, server.serverId, server.group, server.system?.hostname].some((field) => field?.toLowerCase().includes(q));
}

interface Keyed {
  server: ServerUpdate;
  name: string;
  group: string;
}

const PRIMARY: Record<SortKey, (a: Keyed, b: Keyed) => number> = {
  group: (a, b) => compareText(a.group, b.group),
  name: () => 0,
  // The busiest first: on a wall screen the top of the list is what gets read.
  cpu: (a, b) => b.server.cpu.percent - a.server.cpu.percent,
  memory: (a, b) => b.server.memory.usedPercent - a.server.memory.usedPercent,
  // Offline first: those are the ones that need someone.
  status: (a, b) => Number(a.server.online) - Number(b.server.online),
};

/**
 * A new array sorted by `key`, ties broken by name then id. Runs on every
 * batch of updates, so the text keys are computed once per server and compared
 * as plain strings (Intl.Collator was the board's hottest function at 1,000 servers).
 */
export function sortServers(servers: readonly ServerUpdate[], key: SortKey): ServerUpdate[] {
  const keyed = servers.map((server) => ({
    server,
    name: `${naturalKey(server.serverName)}\u0000${server.serverId}`,
    group: groupKey(server.group),
  }));
  keyed.sort((a, b) => PRIMARY[key](a, b) || compareText(a.name, b.name));
  return keyed.map((k) => k.server);
}

/** Sections per group, in group-name order with the ungrouped last; keeps the order of `servers` inside each. */
export function groupServers(servers: readonly ServerUpdate[]): GroupSection[] {
  const sections = new Map<string, ServerUpdate[]>();
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
