import { Writable } from 'node:stream';
import { WriteBatch } from './write-batch';

/** A stream that records how its writes reach the underlying resource: one entry per system-call-like flush. */
function recordingStream(): { stream: Writable; flushes: string[][] } {
  const flushes: string[][] = [];
  const stream = new Writable({
    write(chunk: Buffer, _enc, cb) {
      flushes.push([chunk.toString()]);
      cb();
    },
    writev(chunks, cb) {
      flushes.push(chunks.map((c) => String(c.chunk)));
      cb();
    },
  });
  return { stream, flushes };
}

const nextTurn = () => new Promise((resolve) => setImmediate(resolve));

describe('WriteBatch', () => {
  it('sends the writes of one event-loop turn together, in order, once the turn ends', async () => {
    const batch = new WriteBatch();
    const { stream, flushes } = recordingStream();
    for (const frame of ['a', 'b', 'c']) {
      batch.hold(stream);
      stream.write(frame);
    }
    expect(flushes).toEqual([]);
    await nextTurn();
    expect(flushes).toEqual([['a', 'b', 'c']]);
  });

  it('batches each stream separately and starts afresh in the next turn', async () => {
    const batch = new WriteBatch();
    const one = recordingStream();
    const two = recordingStream();
    batch.hold(one.stream);
    one.stream.write('1a');
    batch.hold(two.stream);
    two.stream.write('2a');
    batch.hold(one.stream);
    one.stream.write('1b');
    await nextTurn();
    batch.hold(one.stream);
    one.stream.write('1c');
    await nextTurn();
    expect(one.flushes).toEqual([['1a', '1b'], ['1c']]);
    expect(two.flushes).toEqual([['2a']]);
  });

  it('tells the first hold of a stream in a turn from the later ones', async () => {
    const batch = new WriteBatch();
    const { stream } = recordingStream();
    expect([batch.hold(stream), batch.hold(stream), batch.hold(stream)]).toEqual([true, false, false]);
    await nextTurn();
    expect(batch.hold(stream)).toBe(true);
  });

  it('leaves a stream that was corked elsewhere corked until its own uncork', async () => {
    const batch = new WriteBatch();
    const { stream, flushes } = recordingStream();
    stream.cork();
    batch.hold(stream);
    stream.write('x');
    await nextTurn();
    expect(flushes).toEqual([]);
    stream.uncork();
    expect(flushes).toEqual([['x']]);
  });
});
