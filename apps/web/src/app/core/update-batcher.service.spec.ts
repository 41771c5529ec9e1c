import { TestBed } from '@angular/core/testing';
import type { ServerUpdate } from '@sss/contracts/constants';
import { BATCH_WINDOW_MS, SNAPSHOT_WAIT_MS, UpdateBatcher } from './update-batcher.service';

let reports = 0;
/** A server's update; each is a later report than the one before (as the dashboard's lastSeen only grows). */
function server(id: string, extra: Partial<ServerUpdate> = {}): ServerUpdate {
  return {
    serverId: id,
    serverName: id,
    online: true,
    lastSeen: Date.now() + ++reports,
    cpu: { percent: 1, cores: 1, modelName: 'm' },
    ...extra,
  } as ServerUpdate;
}

describe('UpdateBatcher', () => {
  let batcher: UpdateBatcher;
  const ids = () => [...batcher.servers().keys()].sort();
  const nextFrame = () => jest.advanceTimersByTime(20);
  const nextBatch = () => jest.advanceTimersByTime(BATCH_WINDOW_MS + 20);

  beforeEach(() => {
    jest.useFakeTimers();
    batcher = TestBed.inject(UpdateBatcher);
  });

  afterEach(() => {
    TestBed.resetTestingModule();
    jest.useRealTimers();
  });

  it('applies updates at an animation frame, in one batch where the newest of a server wins, and keeps untouched servers their object', () => {
    batcher.add(server('a'));
    batcher.add(server('b'));
    expect(batcher.servers().size).toBe(0); // nothing until a frame
    nextFrame();
    expect(ids()).toEqual(['a', 'b']);

    const b = batcher.servers().get('b');
    batcher.add(server('a', { cpu: { percent: 50, cores: 1, modelName: 'm' } }));
    batcher.add(server('a', { cpu: { percent: 60, cores: 1, modelName: 'm' } }));
    nextBatch();
    expect(batcher.servers().get('a')?.cpu.percent).toBe(60);
    expect(batcher.servers().get('b')).toBe(b);
  });

  it('applies a burst at most once per batch window, and the first update after a quiet spell at the next frame', () => {
    batcher.add(server('a'));
    nextFrame();
    expect(batcher.servers().has('a')).toBe(true);
    batcher.add(server('b'));
    nextFrame();
    expect(batcher.servers().has('b')).toBe(false); // within the window of the last batch
    nextBatch();
    expect(batcher.servers().has('b')).toBe(true);

    jest.advanceTimersByTime(5_000);
    batcher.add(server('c'));
    nextFrame();
    expect(batcher.servers().has('c')).toBe(true);
  });

  describe('while a snapshot is expected', () => {
    beforeEach(() => batcher.expectSnapshot());

    it('holds updates until a frame brings a quarter or less of the busiest frame before it, then applies them in one batch', () => {
      for (let i = 0; i < 8; i++) batcher.add(server(`a${i}`));
      nextFrame();
      expect(batcher.servers().size).toBe(0); // that frame brought messages: the snapshot may still be arriving
      for (let i = 0; i < 3; i++) batcher.add(server(`b${i}`));
      nextFrame();
      expect(batcher.servers().size).toBe(0); // 3 of a busiest 8: still arriving
      batcher.add(server('c'));
      batcher.add(server('d'));
      nextFrame();
      expect(batcher.servers().size).toBe(13); // 2 of 8: it has

      batcher.add(server('e'));
      nextBatch();
      expect(batcher.servers().has('e')).toBe(true); // later updates in ordinary batches
    });

    it('applies a snapshot that keeps arriving at most SNAPSHOT_WAIT_MS after it was expected', () => {
      for (let elapsed = 0; elapsed < SNAPSHOT_WAIT_MS - 50; elapsed += 16) {
        batcher.add(server(`s${elapsed}`));
        jest.advanceTimersByTime(16);
      }
      expect(batcher.servers().size).toBe(0);
      for (let elapsed = 0; elapsed < 100; elapsed += 16) {
        batcher.add(server(`t${elapsed}`));
        jest.advanceTimersByTime(16);
      }
      expect(batcher.servers().size).toBeGreaterThan(60);
    });

    it('ends the wait when a snapshot is applied at once, taking the updates held so far', () => {
      batcher.add(server('a'));
      batcher.applyNow([server('b'), server('c')]);
      expect(ids()).toEqual(['a', 'b', 'c']); // no frame needed

      batcher.add(server('d'));
      nextFrame(); // a frame that brought a message would hold it if the snapshot were still expected
      expect(batcher.servers().has('d')).toBe(true);
    });
  });

  it('never shows an older update over a newer one, and an identical one changes nothing', () => {
    const t = Date.now();
    batcher.applyNow([server('a', { lastSeen: t }), server('b', { lastSeen: t }), server('c', { lastSeen: t })]);
    const board = batcher.servers();
    batcher.add(server('a', { lastSeen: t })); // the stream's snapshot repeats what the first one brought
    batcher.add(server('b', { lastSeen: t - 5_000, cpu: { percent: 99, cores: 1, modelName: 'm' } })); // older
    nextBatch();
    expect(batcher.servers()).toBe(board); // nothing re-rendered

    batcher.add(server('a', { lastSeen: t + 5_000, cpu: { percent: 42, cores: 1, modelName: 'm' } })); // newer
    batcher.add(server('c', { lastSeen: t, online: false })); // the same report, gone offline
    nextBatch();
    expect(batcher.servers().get('a')?.cpu.percent).toBe(42);
    expect(batcher.servers().get('b')).toBe(board.get('b'));
    expect(batcher.servers().get('c')?.online).toBe(false);
  });

  it('keeps what the stream brought when a snapshot with older data is applied later', () => {
    const t = Date.now();
    batcher.add(server('a', { lastSeen: t, cpu: { percent: 42, cores: 1, modelName: 'm' } }));
    nextFrame();
    batcher.applyNow([server('a', { lastSeen: t - 5_000 }), server('b', { lastSeen: t - 5_000 })]);
    expect(batcher.servers().get('a')?.cpu.percent).toBe(42);
    expect(batcher.servers().has('b')).toBe(true);
  });

  it('marks offline, with their last values, the servers shown online that were not heard and are not waiting in a batch', () => {
    batcher.applyNow([server('heard'), server('silent'), server('waiting'), server('gone', { online: false })]);
    batcher.add(server('waiting', { cpu: { percent: 5, cores: 1, modelName: 'm' } }));
    batcher.markOfflineExcept(new Set(['heard']));
    nextBatch();
    expect(batcher.servers().get('heard')?.online).toBe(true);
    expect(batcher.servers().get('silent')).toMatchObject({ online: false, serverName: 'silent', cpu: { percent: 1 } });
    expect(batcher.servers().get('waiting')).toMatchObject({ online: true, cpu: { percent: 5 } });
    expect(batcher.servers().get('gone')?.online).toBe(false);
  });

  it('cancels the batch it has scheduled when destroyed', () => {
    batcher.add(server('a'));
    TestBed.resetTestingModule();
    expect(jest.getTimerCount()).toBe(0);
    expect(batcher.servers().size).toBe(0);
  });
});
