import type { RemoteFleetEvent } from '../../../application/ports/event-bus.port';
import { MemoryBusHub } from './memory-bus-hub';
import { MemoryEventBus } from './memory-event.bus';

describe('MemoryEventBus', () => {
  function follow(bus: MemoryEventBus): RemoteFleetEvent[] {
    const seen: RemoteFleetEvent[] = [];
    bus.received$.subscribe((e) => seen.push(e));
    return seen;
  }

  it("hands each event to every other member of its hub, with the publisher's id, never back to the publisher", () => {
    const hub = new MemoryBusHub();
    const [a, b, c] = ['a', 'b', 'c'].map((id) => new MemoryEventBus(id, hub));
    const [atA, atB, atC] = [a, b, c].map(follow);
    a.report('web-1', 1_000, '{"serverId":"web-1"}');
    b.offline('web-1', 2_000, 'connection-lost');
    c.catalogChanged('db-1');
    expect(atA).toEqual([
      { kind: 'offline', origin: 'b', serverId: 'web-1', at: 2_000, cause: 'connection-lost' },
      { kind: 'catalog', origin: 'c', serverId: 'db-1' },
    ]);
    expect(atB.map((e) => [e.kind, e.origin])).toEqual([
      ['report', 'a'],
      ['catalog', 'c'],
    ]);
    expect(atB[0]).toEqual({ kind: 'report', origin: 'a', serverId: 'web-1', at: 1_000, json: '{"serverId":"web-1"}' });
    expect(atC.map((e) => [e.kind, e.origin])).toEqual([
      ['report', 'a'],
      ['offline', 'b'],
    ]);
    expect(a.stats()).toEqual({ transport: 'memory', connected: true, published: 1, received: 2, dropped: 0, errors: 0 });
  });

  it('alone in its hub (one dashboard, the default) sends nothing and counts nothing', () => {
    const bus = new MemoryEventBus('only');
    const seen = follow(bus);
    bus.report('web-1', 1_000, '{"serverId":"web-1"}');
    bus.offline('web-1', 2_000, 'silence');
    bus.catalogChanged('web-1');
    expect(seen).toEqual([]);
    expect(bus.stats()).toMatchObject({ published: 0, received: 0 });
  });

  it('after close, neither sends to the hub nor hears it', () => {
    const hub = new MemoryBusHub();
    const a = new MemoryEventBus('a', hub);
    const b = new MemoryEventBus('b', hub);
    const atA = follow(a);
    const atB = follow(b);
    b.close();
    a.report('web-1', 1_000, '{"serverId":"web-1"}');
    b.report('web-2', 1_000, '{"serverId":"web-2"}');
    expect([atA, atB]).toEqual([[], []]);
  });
});
