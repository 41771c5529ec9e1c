import { TestBed } from '@angular/core/testing';
import type { ServerUpdate } from '@sss/contracts/constants';
import { BATCH_WINDOW_MS, FleetConnection, frontendUrl, SNAPSHOT_GRACE_MS, SNAPSHOT_WAIT_MS, SOCKET_FACTORY } from './fleet-connection.service';

/** Stands in for the browser's WebSocket: the test drives open, message and close. */
class FakeSocket {
  onopen: (() => void) | null = null;
  onmessage: ((event: { data: string }) => void) | null = null;
  onclose: (() => void) | null = null;
  closed = false;
  constructor(readonly url: string) {}
  open() {
    this.onopen?.();
  }
  send(update: Partial<ServerUpdate>) {
    this.onmessage?.({ data: JSON.stringify(update) });
  }
  drop() {
    this.onclose?.();
  }
  close() {
    this.closed = true;
  }
}

function server(id: string, extra: Partial<ServerUpdate> = {}): Partial<ServerUpdate> {
  return { serverId: id, serverName: id, online: true, lastSeen: Date.now(), cpu: { percent: 1, cores: 1, modelName: 'm' }, ...extra };
}

describe('FleetConnection', () => {
  let sockets: FakeSocket[];
  let fleet: FleetConnection;
  const latest = () => sockets[sockets.length - 1];
  const nextFrame = () => jest.advanceTimersByTime(20);
  const nextBatch = () => jest.advanceTimersByTime(BATCH_WINDOW_MS + 20);
  /** The frame that brought the snapshot, then a quiet one. */
  const snapshotArrived = () => jest.advanceTimersByTime(40);

  beforeEach(() => {
    jest.useFakeTimers({ doNotFake: ['queueMicrotask', 'nextTick'] });
    sockets = [];
    TestBed.configureTestingModule({
      providers: [{ provide: SOCKET_FACTORY, useValue: (url: string) => sockets[sockets.push(new FakeSocket(url)) - 1] }],
    });
    fleet = TestBed.inject(FleetConnection);
  });

  afterEach(() => {
    TestBed.resetTestingModule();
    jest.useRealTimers();
  });

  it('connects to /ws-frontend on the page host, wss for https', () => {
    expect(latest().url).toBe('ws://localhost/ws-frontend');
    expect(frontendUrl({ protocol: 'https:', host: 'status.example.com:8443' })).toBe('wss://status.example.com:8443/ws-frontend');
    expect(fleet.state()).toEqual({ kind: 'connecting' });
  });

  it('applies the snapshot in one batch once it has arrived, and later updates in batches, at an animation frame', () => {
    latest().open();
    expect(fleet.state()).toEqual({ kind: 'connected' });
    latest().send(server('a'));
    latest().send(server('b'));
    expect(fleet.servers().size).toBe(0); // nothing until a frame
    nextFrame();
    expect(fleet.servers().size).toBe(0); // that frame brought messages: the snapshot may still be arriving
    nextFrame();
    expect([...fleet.servers().keys()]).toEqual(['a', 'b']); // a frame brought none: it has

    const b = fleet.servers().get('b');
    latest().send(server('a', { cpu: { percent: 50, cores: 1, modelName: 'm' } }));
    latest().send(server('a', { cpu: { percent: 60, cores: 1, modelName: 'm' } }));
    nextBatch();
    expect(fleet.servers().get('a')?.cpu.percent).toBe(60); // the newest of the batch wins
    expect(fleet.servers().get('b')).toBe(b); // untouched servers keep their object
  });

  it('applies a snapshot that keeps arriving at most SNAPSHOT_WAIT_MS after the open', () => {
    latest().open();
    for (let elapsed = 0; elapsed < SNAPSHOT_WAIT_MS - 50; elapsed += 16) {
      latest().send(server(`s${elapsed}`));
      jest.advanceTimersByTime(16);
    }
    expect(fleet.servers().size).toBe(0);
    for (let elapsed = 0; elapsed < 100; elapsed += 16) {
      latest().send(server(`t${elapsed}`));
      jest.advanceTimersByTime(16);
    }
    expect(fleet.servers().size).toBeGreaterThan(60);
  });

  it('applies a burst at most once per batch window', () => {
    latest().open();
    latest().send(server('a'));
    snapshotArrived();
    expect(fleet.servers().has('a')).toBe(true);
    latest().send(server('b'));
    nextFrame();
    expect(fleet.servers().has('b')).toBe(false); // within the window of the last batch
    nextBatch();
    expect(fleet.servers().has('b')).toBe(true);

    jest.advanceTimersByTime(5_000); // a quiet spell: the next update shows at the next frame
    latest().send(server('c'));
    nextFrame();
    expect(fleet.servers().has('c')).toBe(true);
  });

  it('ignores frames that are not server updates', () => {
    latest().open();
    latest().onmessage?.({ data: 'not json' });
    latest().onmessage?.({ data: '{"hello":1}' });
    nextFrame();
    expect(fleet.servers().size).toBe(0);
  });

  it('reconnects after 3 s x 1.5^n capped at 30 s, and starts over after an open', () => {
    const delays: number[] = [];
    for (let i = 0; i < 9; i++) {
      const before = sockets.length;
      latest().drop();
      const state = fleet.state();
      if (state.kind !== 'reconnecting') throw new Error(`expected reconnecting, got ${state.kind}`);
      const delay = state.retryAt - Date.now();
      jest.advanceTimersByTime(delay - 1);
      expect(sockets.length).toBe(before); // not a moment early
      jest.advanceTimersByTime(1);
      expect(sockets.length).toBe(before + 1);
      delays.push(delay);
    }
    expect(delays).toEqual([3000, 4500, 6750, 10125, 15187.5, 22781.25, 30000, 30000, 30000]);

    latest().open();
    latest().drop();
    expect(fleet.state()).toEqual({ kind: 'reconnecting', retryAt: Date.now() + 3000 });
  });

  it('keeps showing servers while reconnecting, then marks offline those the new snapshot lacks', () => {
    latest().open();
    latest().send(server('a'));
    latest().send(server('b'));
    snapshotArrived();
    latest().drop();
    expect(fleet.servers().get('a')?.online).toBe(true);

    jest.advanceTimersByTime(3000);
    latest().open();
    latest().send(server('a', { cpu: { percent: 77, cores: 1, modelName: 'm' } }));
    nextFrame();
    expect(fleet.servers().get('b')?.online).toBe(true); // snapshot may still be arriving
    jest.advanceTimersByTime(SNAPSHOT_GRACE_MS);
    nextFrame();
    expect(fleet.servers().get('a')).toMatchObject({ online: true, cpu: { percent: 77 } });
    expect(fleet.servers().get('b')).toMatchObject({ online: false, serverName: 'b' }); // last values kept
  });

  it('closes the socket and stops retrying when destroyed', () => {
    const socket = latest();
    TestBed.resetTestingModule();
    expect(socket.closed).toBe(true);
    socket.drop();
    jest.advanceTimersByTime(60_000);
    expect(sockets.length).toBe(1);
  });
});
