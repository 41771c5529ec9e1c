import { TestBed } from '@angular/core/testing';
import type { ServerUpdate } from '@sss/contracts/constants';
import {
  BATCH_WINDOW_MS,
  FleetConnection,
  frontendUrl,
  SNAPSHOT_GRACE_MS,
  SNAPSHOT_REQUEST,
  SNAPSHOT_WAIT_MS,
  SOCKET_FACTORY,
} from './fleet-connection.service';

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

/** A fetch response with `body` as JSON (or `parsed` as what json() gives). */
function json(body: unknown, parsed: Promise<unknown> = Promise.resolve(body)): Promise<Pick<Response, 'ok' | 'json'>> {
  return Promise.resolve({ ok: true, json: () => parsed });
}

let reports = 0;
/** A server's message; each is a later report than the one before (as the dashboard's lastSeen only grows). */
function server(id: string, extra: Partial<ServerUpdate> = {}): Partial<ServerUpdate> {
  return {
    serverId: id,
    serverName: id,
    online: true,
    lastSeen: Date.now() + ++reports,
    cpu: { percent: 1, cores: 1, modelName: 'm' },
    ...extra,
  };
}

describe('FleetConnection', () => {
  let sockets: FakeSocket[];
  let fleet: FleetConnection;
  /** Settles the HTTP snapshot request (it stays pending, as if slow, until a test does). */
  let answerSnapshot: (response: Promise<Pick<Response, 'ok' | 'json'>>) => Promise<void>;
  const latest = () => sockets[sockets.length - 1];
  const nextFrame = () => jest.advanceTimersByTime(20);
  const nextBatch = () => jest.advanceTimersByTime(BATCH_WINDOW_MS + 20);
  /** The frame that brought the snapshot, then a quiet one. */
  const snapshotArrived = () => jest.advanceTimersByTime(40);

  beforeEach(() => {
    jest.useFakeTimers({ doNotFake: ['queueMicrotask', 'nextTick'] });
    sockets = [];
    let answer: (response: Promise<Pick<Response, 'ok' | 'json'>>) => void;
    const request = new Promise<Pick<Response, 'ok' | 'json'>>((resolve) => (answer = resolve));
    answerSnapshot = async (response) => {
      answer(response);
      await jest.advanceTimersByTimeAsync(0); // the service's awaits
    };
    TestBed.configureTestingModule({
      providers: [
        { provide: SOCKET_FACTORY, useValue: (url: string) => sockets[sockets.push(new FakeSocket(url)) - 1] },
        { provide: SNAPSHOT_REQUEST, useValue: () => request },
      ],
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

  it('fills the board from the HTTP snapshot in one batch as soon as it arrives, whatever the socket does', async () => {
    latest().open();
    latest().send(server('a')); // the socket's snapshot has begun
    await answerSnapshot(json([server('a'), server('b'), server('c'), { hello: 1 }]));
    expect([...fleet.servers().keys()].sort()).toEqual(['a', 'b', 'c']); // no frame, no waiting for the socket's snapshot
  });

  it('never shows an older message over a newer one, and an identical one changes nothing', async () => {
    const t = Date.now();
    latest().open();
    await answerSnapshot(json([server('a', { lastSeen: t }), server('b', { lastSeen: t }), server('c', { lastSeen: t })]));
    const board = fleet.servers();
    latest().send(server('a', { lastSeen: t })); // the socket's snapshot repeats what HTTP brought
    latest().send(server('b', { lastSeen: t - 5_000, cpu: { percent: 99, cores: 1, modelName: 'm' } })); // older
    snapshotArrived();
    nextBatch();
    expect(fleet.servers()).toBe(board); // nothing re-rendered

    latest().send(server('a', { lastSeen: t + 5_000, cpu: { percent: 42, cores: 1, modelName: 'm' } })); // newer
    latest().send(server('c', { lastSeen: t, online: false })); // the same report, gone offline
    nextBatch();
    expect(fleet.servers().get('a')?.cpu.percent).toBe(42);
    expect(fleet.servers().get('b')).toBe(board.get('b'));
    expect(fleet.servers().get('c')?.online).toBe(false);
  });

  it('keeps what the socket brought when the HTTP snapshot arrives later with older data', async () => {
    const t = Date.now();
    latest().open();
    latest().send(server('a', { lastSeen: t, cpu: { percent: 42, cores: 1, modelName: 'm' } }));
    snapshotArrived();
    await answerSnapshot(json([server('a', { lastSeen: t - 5_000 }), server('b', { lastSeen: t - 5_000 })]));
    expect(fleet.servers().get('a')?.cpu.percent).toBe(42);
    expect(fleet.servers().has('b')).toBe(true);
  });

  it.each([
    [
      'an error status (an older dashboard without it answers 404), whatever its body',
      () => Promise.resolve({ ok: false, json: () => Promise.resolve([server('x')]) }),
    ],
    ['a network error', () => Promise.reject(new TypeError('Failed to fetch'))],
    ['a body that is not JSON', () => json(undefined, Promise.reject(new SyntaxError('Unexpected token')))],
    ['JSON that is not a list', () => json({ servers: [] })],
  ])('works from the socket alone after %s', async (_, response) => {
    await answerSnapshot(response());
    expect(fleet.servers().size).toBe(0);
    latest().open();
    latest().send(server('a'));
    snapshotArrived();
    expect([...fleet.servers().keys()]).toEqual(['a']);
  });

  describe('firstSnapshot, which the first render waits for', () => {
    /** Whether firstSnapshot has settled, after letting promises run. */
    const settled = async () => {
      let done = false;
      void fleet.firstSnapshot.then(() => (done = true));
      await jest.advanceTimersByTimeAsync(0);
      return done;
    };

    it('settles once the HTTP snapshot is on the board', async () => {
      expect(await settled()).toBe(false);
      await answerSnapshot(json([server('a'), server('b')]));
      expect(await settled()).toBe(true);
      expect(fleet.servers().size).toBe(2);
    });

    it('settles when the HTTP snapshot fails, leaving the board to the socket', async () => {
      await answerSnapshot(Promise.reject(new TypeError('Failed to fetch')));
      expect(await settled()).toBe(true);
    });

    it('settles after SNAPSHOT_WAIT_MS when the request hangs, and still takes the snapshot if it comes', async () => {
      await jest.advanceTimersByTimeAsync(SNAPSHOT_WAIT_MS - 1);
      expect(await settled()).toBe(false);
      await jest.advanceTimersByTimeAsync(1);
      expect(await settled()).toBe(true);
      await answerSnapshot(json([server('late')]));
      expect(fleet.servers().has('late')).toBe(true);
    });
  });

  it('asks for the HTTP snapshot once per page, not again on a reconnect', async () => {
    const request = jest.fn(() => new Promise<never>(() => undefined));
    TestBed.resetTestingModule();
    TestBed.configureTestingModule({
      providers: [
        { provide: SOCKET_FACTORY, useValue: (url: string) => sockets[sockets.push(new FakeSocket(url)) - 1] },
        { provide: SNAPSHOT_REQUEST, useValue: request },
      ],
    });
    TestBed.inject(FleetConnection);
    latest().open();
    latest().drop();
    jest.advanceTimersByTime(3_000);
    latest().open();
    expect(request).toHaveBeenCalledTimes(1);
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
