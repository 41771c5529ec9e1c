import { TestBed } from '@angular/core/testing';
import type { CatalogServer } from '@sss/contracts/constants';
import { CATALOG_REQUEST, FleetCatalog, GROUP_ORDER_REQUEST } from './fleet-catalog.service';
import { SNAPSHOT_REQUEST, SOCKET_FACTORY } from './fleet-connection.service';

/** The parts of a WebSocket FleetConnection uses; the test opens and drops it. */
class FakeSocket {
  onopen: (() => void) | null = null;
  onmessage: (() => void) | null = null;
  onclose: ((event: { code: number }) => void) | null = null;
  close() {}
}

describe('FleetCatalog', () => {
  let sockets: FakeSocket[];
  let answers: (() => Promise<CatalogServer[]>)[];
  let requests: number;
  let groupOrders: string[][];
  const entry = (id: string): CatalogServer => ({ serverId: id, name: id, weight: 0, lastSeen: null });
  const settle = () => jest.advanceTimersByTimeAsync(0);

  beforeEach(() => {
    jest.useFakeTimers({ doNotFake: ['queueMicrotask', 'nextTick'] });
    sockets = [];
    requests = 0;
    answers = [];
    groupOrders = [];
    TestBed.configureTestingModule({
      providers: [
        { provide: SOCKET_FACTORY, useValue: () => sockets[sockets.push(new FakeSocket()) - 1] },
        { provide: SNAPSHOT_REQUEST, useValue: () => new Promise<never>(() => undefined) },
        { provide: CATALOG_REQUEST, useValue: () => (answers[requests++] ?? (() => Promise.reject(new Error('down'))))() },
        {
          provide: GROUP_ORDER_REQUEST,
          useValue: () => (groupOrders.length ? Promise.resolve({ groups: groupOrders.shift()! }) : Promise.reject(new Error('down'))),
        },
      ],
    });
  });

  afterEach(() => {
    TestBed.resetTestingModule();
    jest.useRealTimers();
  });

  it('asks on page load, and again once the page has reconnected (the dashboard may have restarted with another configuration)', async () => {
    answers = [() => Promise.resolve([entry('a')]), () => Promise.resolve([entry('a'), entry('b')])];
    groupOrders = [
      ['web', 'db'],
      ['db', 'web'],
    ];
    const catalog = TestBed.inject(FleetCatalog);
    await settle();
    expect(catalog.servers().map((s) => s.serverId)).toEqual(['a']);
    expect(catalog.groups()).toEqual(['web', 'db']);

    sockets[0].onopen?.();
    TestBed.tick();
    expect(requests).toBe(1); // the first open is the page load's

    sockets[0].onclose?.({ code: 1006 });
    TestBed.tick();
    await jest.advanceTimersByTimeAsync(3_000);
    sockets[1].onopen?.();
    TestBed.tick();
    await settle();
    expect(requests).toBe(2);
    expect(catalog.servers().map((s) => s.serverId)).toEqual(['a', 'b']);
    expect(catalog.groups()).toEqual(['db', 'web']);
  });

  it('keeps what it had when a request fails or answers something else than a list of servers', async () => {
    answers = [() => Promise.resolve([entry('a'), { name: 'no id' } as CatalogServer])];
    const catalog = TestBed.inject(FleetCatalog);
    await settle();
    expect(catalog.servers().map((s) => s.serverId)).toEqual(['a']);

    sockets[0].onclose?.({ code: 1006 });
    TestBed.tick();
    await jest.advanceTimersByTimeAsync(3_000);
    sockets[1].onopen?.();
    TestBed.tick();
    await settle();
    expect(requests).toBe(2); // this one failed
    expect(catalog.servers().map((s) => s.serverId)).toEqual(['a']);
    expect(catalog.groups()).toEqual([]); // no group order from this dashboard: groups by name
  });
});
