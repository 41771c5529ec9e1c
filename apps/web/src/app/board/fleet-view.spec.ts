import type { CatalogServer, ServerUpdate } from '@sss/contracts/constants';
import {
  boardOrder,
  type BoardServer,
  groupServers,
  isReported,
  matchesQuery,
  naturalKey,
  sortServers,
  unreportedServers,
  withUnreported,
} from './fleet-view';

function server(
  id: string,
  extra: Partial<ServerUpdate> & { cpuPercent?: number; memPercent?: number; hostname?: string } = {},
): ServerUpdate {
  const { cpuPercent = 10, memPercent = 10, hostname = `${id}.local`, ...rest } = extra;
  return {
    serverId: id,
    serverName: id.toUpperCase(),
    cpu: { percent: cpuPercent, cores: 4, modelName: 'x' },
    memory: { total: 100, used: memPercent, available: 100 - memPercent, usedPercent: memPercent },
    disk: [],
    network: { interfaceName: 'eth0', bytesSent: 0, bytesRecv: 0, inSpeed: 0, outSpeed: 0 },
    system: { hostname, os: 'linux', platform: 'debian', arch: 'amd64', kernel: '6', uptime: 1 },
    timestamp: 1,
    online: true,
    lastSeen: 1,
    ...rest,
  };
}

const ids = (list: readonly BoardServer[]) => list.map((s) => s.serverId);

describe('matchesQuery', () => {
  const s = server('web-1', { serverName: 'Frontend Tokyo', group: 'Production', hostname: 'ip-10-0-0-7' });

  it.each(['', '  ', 'tokyo', 'WEB-1', 'product', '10-0-0'])('matches %j', (q) => {
    expect(matchesQuery(s, q)).toBe(true);
  });

  it('does not match other fields or absent text', () => {
    expect(matchesQuery(s, 'linux')).toBe(false);
    expect(matchesQuery(s, 'osaka')).toBe(false);
    expect(matchesQuery(server('db', { group: undefined }), 'prod')).toBe(false);
  });

  it('matches the IP and the country name it is given, not the country code alone', () => {
    const names: Record<string, string> = { JP: '日本', DE: 'Germany' };
    const japan = server('web-1', { ip: '203.0.113.7', countryCode: 'JP' });
    expect(matchesQuery(japan, '203.0.113', (code) => names[code])).toBe(true);
    expect(matchesQuery(japan, '日本', (code) => names[code])).toBe(true);
    expect(matchesQuery(japan, 'germany', (code) => names[code])).toBe(false);
    expect(matchesQuery(server('de', { countryCode: 'DE' }), 'GERM', (code) => names[code])).toBe(true);
    expect(matchesQuery(server('none'), '203.0', (code) => names[code])).toBe(false);
  });
});

describe('sortServers', () => {
  const fleet = [
    server('web-10', { group: 'web', cpuPercent: 5, memPercent: 90 }),
    server('web-2', { group: 'web', cpuPercent: 80, memPercent: 20, online: false }),
    server('db-1', { group: 'db', cpuPercent: 50, memPercent: 50 }),
    server('solo', { cpuPercent: 50, memPercent: 10, online: false }),
  ];

  it.each([
    ['name', ['db-1', 'solo', 'web-2', 'web-10']],
    ['group', ['db-1', 'web-2', 'web-10', 'solo']],
    ['cpu', ['web-2', 'db-1', 'solo', 'web-10']],
    ['memory', ['web-10', 'db-1', 'web-2', 'solo']],
    ['status', ['solo', 'web-2', 'db-1', 'web-10']],
  ] as const)('by %s', (key, expected) => {
    expect(ids(sortServers(fleet, key))).toEqual(expected);
  });

  it('by load, fullest disk and traffic both ways, the busiest first, servers without the figure last', () => {
    const disk = (usedPercent: number) => ({
      path: '/',
      total: 100,
      used: usedPercent,
      free: 100 - usedPercent,
      usedPercent,
      readSpeed: 0,
      writeSpeed: 0,
    });
    const net = (inSpeed: number, outSpeed: number) => ({ interfaceName: 'eth0', bytesSent: 0, bytesRecv: 0, inSpeed, outSpeed });
    const busy = [
      server('old-agent', { disk: [], network: net(0, 0) }),
      server('a', { load: { load1: 0.5, load5: 9, load15: 9 }, disk: [disk(10), disk(95)], network: net(100, 0) }),
      server('b', { load: { load1: 4, load5: 0, load15: 0 }, disk: [disk(50)], network: net(10, 80) }),
      server('c', { load: { load1: 0, load5: 0, load15: 0 }, disk: [disk(60)], network: net(0, 1_000) }),
    ];
    const unreported = unreportedServers([{ serverId: 'z-new', name: 'Zed', weight: 0, lastSeen: null }]);
    expect(ids(sortServers([...busy, ...unreported], 'load'))).toEqual(['b', 'a', 'c', 'old-agent', 'z-new']);
    expect(ids(sortServers([...busy, ...unreported], 'disk'))).toEqual(['a', 'c', 'b', 'old-agent', 'z-new']);
    expect(ids(sortServers([...busy, ...unreported], 'network'))).toEqual(['c', 'a', 'b', 'old-agent', 'z-new']);
  });

  it('leaves the input alone', () => {
    const before = ids(fleet);
    sortServers(fleet, 'cpu');
    expect(ids(fleet)).toEqual(before);
  });
});

describe('groupServers', () => {
  it('makes one section per group in name order, ungrouped last, keeping the given order within', () => {
    const list = [server('b', { group: 'web' }), server('x'), server('a', { group: 'db' }), server('c', { group: 'web' })];
    const sections = groupServers(list);
    expect(sections.map((s) => [s.group, ids(s.servers)])).toEqual([
      ['db', ['a']],
      ['web', ['b', 'c']],
      ['', ['x']],
    ]);
  });

  it('returns no sections for no servers', () => {
    expect(groupServers([])).toEqual([]);
  });
});

describe('naturalKey', () => {
  it('orders numbers by value and ignores case', () => {
    const names = ['web-10', 'Web-2', 'web-1', 'db'];
    expect([...names].sort((a, b) => (naturalKey(a) < naturalKey(b) ? -1 : 1))).toEqual(['db', 'web-1', 'Web-2', 'web-10']);
  });
});

describe('servers from the catalog that have not reported', () => {
  const catalog: CatalogServer[] = [
    { serverId: 'web-1', name: 'Web 1', group: 'web', weight: 0, lastSeen: 5 },
    { serverId: 'new-1', name: 'New One', group: 'web', countryCode: 'DE', weight: 0, lastSeen: null },
    { serverId: 'old-1', name: 'Old One', weight: 0, lastSeen: 3 },
  ];
  const unreported = unreportedServers(catalog);

  it('become cards with their name, group and flag, offline, and no values; those that reported are in the snapshot', () => {
    expect(unreported).toEqual([
      {
        serverId: 'new-1',
        serverName: 'New One',
        group: 'web',
        countryCode: 'DE',
        online: false,
        lastSeen: null,
        unreported: true,
      },
    ]);
    expect(unreported.map(isReported)).toEqual([false]);
  });

  it('join the live servers unless a report of theirs is on the page, keeping their objects', () => {
    const live = new Map([['web-1', server('web-1', { group: 'web' })]]);
    const board = withUnreported(live, unreportedServers([...catalog, { serverId: 'web-1', name: 'Web 1', weight: 0, lastSeen: null }]));
    expect(ids(board)).toEqual(['web-1', 'new-1']); // web-1 reported since the catalog was read
    expect(isReported(board[0])).toBe(true);
    expect(withUnreported(live, unreported)[1]).toBe(unreported[0]); // the same object on every batch: its card is not re-rendered

    // Its first report arrives: the live server replaces the placeholder.
    live.set('new-1', server('new-1', { group: 'web' }));
    expect(
      withUnreported(live, unreported)
        .filter((s) => s.serverId === 'new-1')
        .map(isReported),
    ).toEqual([true]);
  });

  it('are grouped, searched and sorted with the rest: below every reported server by CPU or memory, among the offline by status', () => {
    const live = new Map([
      ['web-1', server('web-1', { group: 'web', cpuPercent: 0, memPercent: 0 })],
      ['db-1', server('db-1', { online: false })],
    ]);
    const board = withUnreported(live, unreported);
    expect(ids(sortServers(board, 'cpu'))).toEqual(['db-1', 'web-1', 'new-1']);
    expect(ids(sortServers(board, 'memory'))).toEqual(['db-1', 'web-1', 'new-1']);
    expect(ids(sortServers(board, 'status'))).toEqual(['db-1', 'new-1', 'web-1']);
    expect(groupServers(board).map((s) => [s.group, ids(s.servers)])).toEqual([
      ['web', ['web-1', 'new-1']],
      ['', ['db-1']],
    ]);
    expect(board.filter((s) => matchesQuery(s, 'new one')).map((s) => s.serverId)).toEqual(['new-1']);
  });
});

describe('the board order an admin set (group sort)', () => {
  const catalog: CatalogServer[] = [
    { serverId: 'web-1', name: 'Web 1', group: 'web', weight: 20, lastSeen: 1 },
    { serverId: 'web-2', name: 'Web 2', group: 'web', weight: 10, lastSeen: 1 },
    { serverId: 'web-3', name: 'Web 3', group: 'web', weight: 10, lastSeen: 1 },
  ];
  const fleet = [
    server('web-1', { group: 'web', serverName: 'Web 1' }),
    server('web-2', { group: 'web', serverName: 'Web 2' }),
    server('web-3', { group: 'web', serverName: 'Web 3' }),
    server('db-1', { group: 'db' }),
    server('lab-1', { group: 'lab' }),
    server('cache-1', { group: 'cache' }),
    server('loose-1'),
    // Not in the catalog (an older dashboard, or not loaded yet): weight 0.
    server('web-0', { group: 'web', serverName: 'Web 0' }),
  ];
  const sections = (order: ReturnType<typeof boardOrder>) =>
    groupServers(sortServers(fleet, 'group', order), order).map((s) => [s.group, ids(s.servers)]);

  it('puts the ordered groups first in their order, the others after them by name, the ungrouped last; servers by weight, then name', () => {
    expect(sections(boardOrder(['lab', 'web'], catalog))).toEqual([
      ['lab', ['lab-1']],
      ['web', ['web-0', 'web-2', 'web-3', 'web-1']],
      ['cache', ['cache-1']],
      ['db', ['db-1']],
      ['', ['loose-1']],
    ]);
    expect(ids(sortServers(fleet, 'group', boardOrder(['lab', 'web'], catalog)))).toEqual([
      'lab-1',
      'web-0',
      'web-2',
      'web-3',
      'web-1',
      'cache-1',
      'db-1',
      'loose-1',
    ]);
  });

  it('ignores names of groups no server has, and is by name alone without an order', () => {
    expect(sections(boardOrder(['gone', 'db'], []))[0]).toEqual(['db', ['db-1']]);
    expect(sections(boardOrder([], [])).map(([group]) => group)).toEqual(['cache', 'db', 'lab', 'web', '']);
  });

  it('leaves the other sorts alone: by name, weights play no part', () => {
    const byName = ids(sortServers(fleet, 'name', boardOrder(['web'], catalog)));
    expect(byName).toEqual(ids(sortServers(fleet, 'name')));
  });
});
