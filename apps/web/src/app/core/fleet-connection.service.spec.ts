import { TestBed } from '@angular/core/testing';
import type { ServerUpdate } from '@sss/contracts/constants';
import { serverUpdate } from './testing/server-update';
import { Navigation } from './navigation.service';
import { FleetConnection, frontendUrl, SNAPSHOT_GRACE_MS, SNAPSHOT_REQUEST, SOCKET_FACTORY } from './fleet-connection.service';
import { SNAPSHOT_WAIT_MS } from './update-batcher.service';

/** Stands in for the browser's WebSocket: the test drives open, message and close. */
class FakeSocket {
  onopen: (() => void) | null = null;
  onmessage: ((event: { data: string }) => void) | null = null;
  onclose: ((event: { code: number }) => void) | null = null;
  closed = false;
  constructor(readonly url: string) {}
  open() {
    this.onopen?.();
  }
  send(update: Partial<ServerUpdate>) {
    this.onmessage?.({ data: JSON.stringify(update) });
  }
  drop(code = 1006) {
    this.onclose?.({ code });
  }
  close() {
    this.closed = true;
  }
}

/** A fetch response with `body` as JSON (or `parsed` as what json() gives). */
function json(body: unknown, parsed: Promise<unknown> = Promise.resolve(body)): Promise<Pick<Response, 'ok' | 'json'>> {
  return Promise.resolve({ ok: true, json: () => parsed });
}

describe('FleetConnection', () => {
  let sockets: FakeSocket[];
  let fleet: FleetConnection;
  /** Settles the HTTP snapshot request (it stays pending, as if slow, until a test does). */
  let answerSnapshot: (response: Promise<Pick<Response, 'ok' | 'json'>>) => Promise<void>;
  const latest = () => sockets[sockets.length - 1];
  const nextFrame = () => jest.advanceTimersByTime(20);
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

  it("after an open, holds the socket's updates until its snapshot has arrived, then applies them in one batch", () => {
    latest().open();
    expect(fleet.state()).toEqual({ kind: 'connected' });
    latest().send(serverUpdate('a'));
    latest().send(serverUpdate('b'));
    nextFrame();
    expect(fleet.servers().size).toBe(0); // that frame brought messages: the snapshot may still be arriving
    nextFrame();
    expect([...fleet.servers().keys()]).toEqual(['a', 'b']); // a frame brought none: it has
  });

  it('ignores frames that are not server updates', () => {
    latest().open();
    latest().onmessage?.({ data: 'not json' });
    latest().onmessage?.({ data: '{"hello":1}' });
    nextFrame();
    expect(fleet.servers().size).toBe(0);
  });

  it('opens the login page instead of retrying when the board is private (close 1008)', () => {
    history.replaceState(null, '', '/');
    const before = sockets.length;
    latest().drop(1008);
    expect(TestBed.inject(Navigation).page()).toEqual({ kind: 'login' });
    jest.advanceTimersByTime(60_000);
    expect(sockets.length).toBe(before);
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

  it('keeps the schedule while the browser says it is offline (the dashboard may be on this host), and tries at once when the network is back', () => {
    const onLine = jest.spyOn(navigator, 'onLine', 'get').mockReturnValue(false);
    try {
      latest().open();
      latest().drop();
      expect(fleet.state()).toMatchObject({ kind: 'reconnecting' });
      const before = sockets.length;
      jest.advanceTimersByTime(3000);
      expect(sockets.length).toBe(before + 1); // retried on time, offline or not
      latest().drop();
      window.dispatchEvent(new Event('online'));
      expect(sockets.length).toBe(before + 2); // at once, not after 4.5 s
      jest.advanceTimersByTime(4500);
      expect(sockets.length).toBe(before + 2); // and the scheduled retry was replaced, not added
    } finally {
      onLine.mockRestore();
    }
  });

  it('keeps showing servers while reconnecting, then marks offline those the new snapshot lacks', () => {
    latest().open();
    latest().send(serverUpdate('a'));
    latest().send(serverUpdate('b'));
    snapshotArrived();
    latest().drop();
    expect(fleet.servers().get('a')?.online).toBe(true);

    jest.advanceTimersByTime(3000);
    latest().open();
    latest().send(serverUpdate('a', { cpu: { percent: 77, cores: 1, modelName: 'm' } }));
    nextFrame();
    expect(fleet.servers().get('b')?.online).toBe(true); // snapshot may still be arriving
    jest.advanceTimersByTime(SNAPSHOT_GRACE_MS);
    nextFrame();
    expect(fleet.servers().get('a')).toMatchObject({ online: true, cpu: { percent: 77 } });
    expect(fleet.servers().get('b')).toMatchObject({ online: false, serverName: 'b' }); // last values kept
  });

  it('fills the board from the HTTP snapshot in one batch as soon as it arrives, whatever the socket does', async () => {
    latest().open();
    latest().send(serverUpdate('a')); // the socket's snapshot has begun
    await answerSnapshot(json([serverUpdate('a'), serverUpdate('b'), serverUpdate('c'), { hello: 1 }]));
    expect([...fleet.servers().keys()].sort()).toEqual(['a', 'b', 'c']); // no frame, no waiting for the socket's snapshot
  });

  it.each([
    [
      'an error status (an older dashboard without it answers 404), whatever its body',
      () => Promise.resolve({ ok: false, json: () => Promise.resolve([serverUpdate('x')]) }),
    ],
    ['a network error', () => Promise.reject(new TypeError('Failed to fetch'))],
    ['a body that is not JSON', () => json(undefined, Promise.reject(new SyntaxError('Unexpected token')))],
    ['JSON that is not a list', () => json({ servers: [] })],
  ])('works from the socket alone after %s', async (_, response) => {
    await answerSnapshot(response());
    expect(fleet.servers().size).toBe(0);
    latest().open();
    latest().send(serverUpdate('a'));
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
      await answerSnapshot(json([serverUpdate('a'), serverUpdate('b')]));
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
      await answerSnapshot(json([serverUpdate('late')]));
      expect(fleet.servers().has('late')).toBe(true);
    });
  });

  it('asks for the HTTP snapshot once per page, not again on a reconnect', () => {
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
