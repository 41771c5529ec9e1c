import { tempSqliteStore } from '../../../../../test/support/temp-sqlite-store';
import { ConfigServerCatalog } from '../../catalog/adapters/outbound/config/config-server-catalog';
import type { KyselyHistoryStore } from '../adapters/outbound/kysely/kysely-history.store';
import type { Transition } from '../domain/transition';
import { EventsQuery } from './events-query';
import { UptimeOverview } from './uptime-overview';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const NOW = Date.UTC(2026, 5, 15, 12);

const catalog = new ConfigServerCatalog(['web-1', 'db-1', 'new'].map((id) => ({ id, secret: 's' })));

function transition(serverId: string, at: number, online: boolean): Transition {
  return { serverId, at, online, cause: online ? 'report' : 'connection-lost' };
}

describe('history events and uptime over the real store (SQLite)', () => {
  let store: KyselyHistoryStore;
  let close: () => Promise<void>;
  let now = NOW;
  const clock = () => now;

  beforeEach(async () => {
    now = NOW;
    ({ store, close } = await tempSqliteStore());
    // web-1: online 40 days ago, down for the day 3 days ago, down the last 12 hours. db-1: online for the last 6 hours.
    await store.append(
      [],
      [
        transition('web-1', NOW - 40 * DAY, true),
        transition('web-1', NOW - 3 * DAY, false),
        transition('web-1', NOW - 2 * DAY, true),
        transition('web-1', NOW - 12 * HOUR, false),
        transition('db-1', NOW - 6 * HOUR, true),
      ],
    );
  });
  afterEach(() => close());

  it('pages transitions newest first by `before`, with uptime over 24 h, 7 d and 30 d', async () => {
    const query = new EventsQuery(store, catalog, clock);
    const first = (await query.events('web-1', undefined, 3))!;
    expect(first.events).toEqual([
      { at: NOW - 12 * HOUR, online: false, cause: 'connection-lost' },
      { at: NOW - 2 * DAY, online: true, cause: 'report' },
      { at: NOW - 3 * DAY, online: false, cause: 'connection-lost' },
    ]);
    expect(first.nextBefore).toBe(NOW - 3 * DAY);
    expect(first.uptime).toEqual({
      '24h': 50,
      '7d': ((7 * 24 - 36) / (7 * 24)) * 100,
      '30d': ((30 * 24 - 36) / (30 * 24)) * 100,
    });
    const second = (await query.events('web-1', first.nextBefore!, 3))!;
    expect(second.events).toEqual([{ at: NOW - 40 * DAY, online: true, cause: 'report' }]);
    expect(second.nextBefore).toBeNull();
    // Exactly a page left: no further page announced.
    expect((await query.events('web-1', NOW - 2 * DAY, 2))!.nextBefore).toBeNull();
  });

  it('pages through two transitions of the same millisecond without losing one', async () => {
    // Online and offline in the same millisecond, on the boundary of a page of 1.
    await store.append(
      [],
      [transition('new', NOW - HOUR, true), transition('new', NOW - HOUR, false), transition('new', NOW - 2 * HOUR, true)],
    );
    const query = new EventsQuery(store, catalog, clock);
    const seen: { at: number; online: boolean }[] = [];
    let before: number | undefined;
    do {
      const page = (await query.events('new', before, 1))!;
      seen.push(...page.events.map(({ at, online }) => ({ at, online })));
      before = page.nextBefore ?? undefined;
    } while (before !== undefined);
    expect(seen).toHaveLength(3);
    expect(
      seen
        .filter((e) => e.at === NOW - HOUR)
        .map((e) => e.online)
        .sort(),
    ).toEqual([false, true]);
    expect(seen[2]).toEqual({ at: NOW - 2 * HOUR, online: true });
  });

  it('answers a configured server with no transitions with nothing known, and an unknown one with undefined', async () => {
    const query = new EventsQuery(store, catalog, clock);
    expect(await query.events('new', undefined, 50)).toEqual({
      serverId: 'new',
      events: [],
      nextBefore: null,
      uptime: { '24h': null, '7d': null, '30d': null },
    });
    expect(await query.events('gone', undefined, 50)).toBeUndefined();
  });

  it('walks back past more transitions than one store page to find the state a window starts in', async () => {
    // Online since 30 hours ago, then 1,200 flaps of a minute each over the last 20 hours.
    const flaps: Transition[] = [transition('new', NOW - 30 * HOUR, true)];
    for (let i = 0; i < 1_200; i++) flaps.push(transition('new', NOW - 20 * HOUR + i * 60_000, i % 2 === 1));
    await store.append([], flaps);
    const uptime = (await new EventsQuery(store, catalog, clock).events('new', undefined, 1))!.uptime;
    // Online for the window's first 4 hours (the state 30 hours ago), then half of the 20 hours.
    expect(uptime['24h']).toBeCloseTo(((4 * 60 + 600) / (24 * 60)) * 100, 6);
  });

  it('gives every configured server its 24 h uptime in one answer, reused for maxAge', async () => {
    const overview = new UptimeOverview(store, catalog, clock, 15_000);
    const first = await overview.all();
    expect(first).toEqual({ 'web-1': 50, 'db-1': 100, new: null });
    await store.append([], [transition('new', NOW, true)]);
    now += 14_999;
    expect(await overview.all()).toBe(first);
    now += 1;
    const later = await overview.all();
    expect(later).toMatchObject({ 'db-1': 100, new: 100 });
    expect(later['web-1']).toBeCloseTo(((12 * HOUR - 15_000) / DAY) * 100, 6);
  });
});
