import type { CatalogServer, ServerUpdate } from '@sss/contracts/constants';
import { fullestDisk } from '../shared/usage-level';

export const SORT_KEYS = ['group', 'name', 'cpu', 'memory', 'load', 'disk', 'network', 'status'] as const;
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
  ip?: undefined;
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

/**
 * Case-insensitive match on name, id, group, hostname, IP or country name
 * (`countryName` gives it in the page's language); an empty query matches all.
 */
export function matchesQuery(server: BoardServer, query: string, countryName: (code: string) => string = (code) => code): boolean {
  const q = query.trim().toLowerCase();
  if (!q) return true;
  const country = server.countryCode ? countryName(server.countryCode) : undefined;
  return [server.serverName, server.serverId, server.group, server.system?.hostname, server.ip, country].some((field) =>
    field?.toLowerCase().includes(q),
  );
}

/**
 * The order an admin set for the board's group sort (README "Server
 * management"): the listed groups first, in their order; the others after
 * them by name; the ungrouped last; inside a group, servers by weight, then
 * by name.
 */
export interface BoardOrder {
  /** Group name to its place in the stored order. */
  groupRanks: ReadonlyMap<string, number>;
  /** Server id to its weight; a server without one weighs 0. */
  weights: ReadonlyMap<string, number>;
}

export const NO_BOARD_ORDER: BoardOrder = { groupRanks: new Map(), weights: new Map() };

/** The board order from `GET /api/catalog/groups` and the catalog's weights (an older dashboard sends none: 0). */
export function boardOrder(groups: readonly string[], catalog: readonly CatalogServer[]): BoardOrder {
  return {
    groupRanks: new Map(groups.map((group, rank) => [group, rank])),
    weights: new Map(catalog.map((s) => [s.serverId, typeof s.weight === 'number' ? s.weight : 0])),
  };
}

/** Where a group's section goes: its place in the order, else after every listed one; the ungrouped after all. */
function groupRank(group: string | undefined, { groupRanks }: BoardOrder): number {
  return group ? (groupRanks.get(group) ?? groupRanks.size) : groupRanks.size + 1;
}

interface Keyed {
  server: BoardServer;
  name: string;
  group: string;
  groupRank: number;
  weight: number;
  /** The figure a busiest-first sort ranks by, computed once per sort. */
  figure: number;
}

/** The busiest first: on a wall screen the top of the list is what gets read. Servers without the figure rank below every one with it. */
const FIGURES: Partial<Record<SortKey, (server: ServerUpdate) => number | undefined>> = {
  cpu: (server) => server.cpu.percent,
  memory: (server) => server.memory.usedPercent,
  // The 1-minute load, as the card shows it.
  load: (server) => server.load?.load1,
  // The fullest disk, the one on the card.
  disk: (server) => fullestDisk(server.disk)?.usedPercent,
  // Traffic both ways.
  network: (server) => server.network.inSpeed + server.network.outSpeed,
};

const PRIMARY: Record<SortKey, (a: Keyed, b: Keyed) => number> = {
  group: (a, b) => a.groupRank - b.groupRank || compareText(a.group, b.group) || a.weight - b.weight,
  name: () => 0,
  cpu: byFigure,
  memory: byFigure,
  load: byFigure,
  disk: byFigure,
  network: byFigure,
  // Offline first: those are the ones that need someone.
  status: (a, b) => Number(a.server.online) - Number(b.server.online),
};

function byFigure(a: Keyed, b: Keyed): number {
  return b.figure - a.figure;
}

/**
 * A new array sorted by `key`, ties broken by name then id; by group, in
 * `order` (see BoardOrder). Runs on every
 * batch of updates, so the keys are computed once per server and text keys
 * compared as plain strings (Intl.Collator was the board's hottest function at 1,000 servers).
 */
export function sortServers<S extends BoardServer>(servers: readonly S[], key: SortKey, order: BoardOrder = NO_BOARD_ORDER): S[] {
  const figure = FIGURES[key];
  const keyed = servers.map((server): Keyed => ({
    server,
    name: `${naturalKey(server.serverName)}\u0000${server.serverId}`,
    group: groupKey(server.group),
    groupRank: groupRank(server.group, order),
    weight: order.weights.get(server.serverId) ?? 0,
    figure: (figure && isReported(server) ? figure(server) : undefined) ?? -1,
  }));
  keyed.sort((a, b) => PRIMARY[key](a, b) || compareText(a.name, b.name));
  return keyed.map((k) => k.server as S);
}

/** Sections per group, in `order` (see BoardOrder) with the ungrouped last; keeps the order of `servers` inside each. */
export function groupServers(servers: readonly BoardServer[], order: BoardOrder = NO_BOARD_ORDER): GroupSection[] {
  const sections = new Map<string, BoardServer[]>();
  for (const server of servers) {
    const group = server.group ?? '';
    const list = sections.get(group);
    if (list) list.push(server);
    else sections.set(group, [server]);
  }
  return [...sections]
    .map(([group, list]) => ({ group, servers: list }))
    .sort((a, b) => groupRank(a.group, order) - groupRank(b.group, order) || compareText(groupKey(a.group), groupKey(b.group)));
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
