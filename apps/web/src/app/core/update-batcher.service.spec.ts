import { TestBed } from '@angular/core/testing';
import { serverUpdate } from './testing/server-update';
import { BATCH_WINDOW_MS, SNAPSHOT_WAIT_MS, UpdateBatcher } from './update-batcher.service';

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
    batcher.add(serverUpdate('a'));
    batcher.add(serverUpdate('b'));
    expect(batcher.servers().size).toBe(0); // nothing until a frame
    nextFrame();
    expect(ids()).toEqual(['a', 'b']);

    const b = batcher.servers().get('b');
    batcher.add(serverUpdate('a', { cpu: { percent: 50, cores: 1, modelName: 'm' } }));
    batcher.add(serverUpdate('a', { cpu: { percent: 60, cores: 1, modelName: 'm' } }));
    nextBatch();
    expect(batcher.servers().get('a')?.cpu.percent).toBe(60);
    expect(batcher.servers().get('b')).toBe(b);
  });

  it('applies a burst at most once per batch window, and the first update after a quiet spell at the next frame', () => {
    batcher.add(serverUpdate('a'));
    nextFrame();
    expect(batcher.servers().has('a')).toBe(true);
    batcher.add(serverUpdate('b'));
    nextFrame();
    expect(batcher.servers().has('b')).toBe(false); // within the window of the last batch
    nextBatch();
    expect(batcher.servers().has('b')).toBe(true);

    jest.advanceTimersByTime(5_000);
    batcher.add(serverUpdate('c'));
    nextFrame();
    expect(batcher.servers().has('c')).toBe(true);
  });

  describe('while a snapshot is expected', () => {
    beforeEach(() => batcher.expectSnapshot());

    it('holds updates until a frame brings a quarter or less of the busiest frame before it, then applies them in one batch', () => {
      for (let i = 0; i < 8; i++) batcher.add(serverUpdate(`a${i}`));
      nextFrame();
      expect(batcher.servers().size).toBe(0); // that frame brought messages: the snapshot may still be arriving
      for (let i = 0; i < 3; i++) batcher.add(serverUpdate(`b${i}`));
      nextFrame();
      expect(batcher.servers().size).toBe(0); // 3 of a busiest 8: still arriving
      batcher.add(serverUpdate('c'));
      batcher.add(serverUpdate('d'));
      nextFrame();
      expect(batcher.servers().size).toBe(13); // 2 of 8: it has

      batcher.add(serverUpdate('e'));
      nextBatch();
      expect(batcher.servers().has('e')).toBe(true); // later updates in ordinary batches
    });

    it('applies a snapshot that keeps arriving at most SNAPSHOT_WAIT_MS after it was expected', () => {
      for (let elapsed = 0; elapsed < SNAPSHOT_WAIT_MS - 50; elapsed += 16) {
        batcher.add(serverUpdate(`s${elapsed}`));
        jest.advanceTimersByTime(16);
      }
      expect(batcher.servers().size).toBe(0);
      for (let elapsed = 0; elapsed < 100; elapsed += 16) {
        batcher.add(serverUpdate(`t${elapsed}`));
        jest.advanceTimersByTime(16);
      }
      expect(batcher.servers().size).toBeGreaterThan(60);
    });

    it('ends the wait when a snapshot is applied at once, taking the updates held so far', () => {
      batcher.add(serverUpdate('a'));
      batcher.applyNow([serverUpdate('b'), serverUpdate('c')]);
      expect(ids()).toEqual(['a', 'b', 'c']); // no frame needed

      batcher.add(serverUpdate('d'));
      nextFrame(); // a frame that brought a message would hold it if the snapshot were still expected
      expect(batcher.servers().has('d')).toBe(true);
    });
  });

  it('never shows an older update over a newer one, and an identical one changes nothing', () => {
    const t = Date.now();
    batcher.applyNow([serverUpdate('a', { lastSeen: t }), serverUpdate('b', { lastSeen: t }), serverUpdate('c', { lastSeen: t })]);
    const board = batcher.servers();
    batcher.add(serverUpdate('a', { lastSeen: t })); // the stream's snapshot repeats what the first one brought
    batcher.add(serverUpdate('b', { lastSeen: t - 5_000, cpu: { percent: 99, cores: 1, modelName: 'm' } })); // older
    nextBatch();
    expect(batcher.servers()).toBe(board); // nothing re-rendered

    batcher.add(serverUpdate('a', { lastSeen: t + 5_000, cpu: { percent: 42, cores: 1, modelName: 'm' } })); // newer
    batcher.add(serverUpdate('c', { lastSeen: t, online: false })); // the same report, gone offline
    nextBatch();
    expect(batcher.servers().get('a')?.cpu.percent).toBe(42);
    expect(batcher.servers().get('b')).toBe(board.get('b'));
    expect(batcher.servers().get('c')?.online).toBe(false);
  });

  it('keeps what the stream brought when a snapshot with older data is applied later', () => {
    const t = Date.now();
    batcher.add(serverUpdate('a', { lastSeen: t, cpu: { percent: 42, cores: 1, modelName: 'm' } }));
    nextFrame();
    batcher.applyNow([serverUpdate('a', { lastSeen: t - 5_000 }), serverUpdate('b', { lastSeen: t - 5_000 })]);
    expect(batcher.servers().get('a')?.cpu.percent).toBe(42);
    expect(batcher.servers().has('b')).toBe(true);
  });

  it('marks offline, with their last values, the servers shown online that were not heard and are not waiting in a batch', () => {
    batcher.applyNow([serverUpdate('heard'), serverUpdate('silent'), serverUpdate('waiting'), serverUpdate('gone', { online: false })]);
    batcher.add(serverUpdate('waiting', { cpu: { percent: 5, cores: 1, modelName: 'm' } }));
    batcher.markOfflineExcept(new Set(['heard']));
    nextBatch();
    expect(batcher.servers().get('heard')?.online).toBe(true);
    expect(batcher.servers().get('silent')).toMatchObject({ online: false, serverName: 'silent', cpu: { percent: 1 } });
    expect(batcher.servers().get('waiting')).toMatchObject({ online: true, cpu: { percent: 5 } });
    expect(batcher.servers().get('gone')?.online).toBe(false);
  });

  it('cancels the batch it has scheduled when destroyed', () => {
    batcher.add(serverUpdate('a'));
    TestBed.resetTestingModule();
    expect(jest.getTimerCount()).toBe(0);
    expect(batcher.servers().size).toBe(0);
  });
});
