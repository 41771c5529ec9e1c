import { ByteReader, ByteWriter } from './byte-writer';

function written(write: (out: ByteWriter) => void): number[] {
  const out = new ByteWriter();
  write(out);
  return [...out.result()];
}

describe('ByteWriter', () => {
  it('keeps what one writer wrote when the next reuses its buffer', () => {
    const first = new ByteWriter();
    first.uint(300);
    first.text('cpu');
    const bytes = first.result();
    const second = new ByteWriter();
    second.uint(7);
    second.text('mem');
    expect([...bytes]).toEqual([172, 2, 3, 99, 112, 117]);
    expect([...second.result()]).toEqual([7, 3, 109, 101, 109]);
  });

  it('gives two writers at work at once a buffer each', () => {
    const a = new ByteWriter();
    const b = new ByteWriter();
    a.uint(1);
    b.uint(2);
    a.uint(3);
    expect([...a.result()]).toEqual([1, 3]);
    expect([...b.result()]).toEqual([2]);
  });

  it('grows past its first buffer', () => {
    const long = 'x'.repeat(5000);
    const input = new ByteReader(new Uint8Array(written((out) => out.text(long))));
    expect(input.text()).toBe(long);
  });

  it('reads back text that is not ASCII', () => {
    const input = new ByteReader(new Uint8Array(written((out) => out.text('/mnt/données 💾'))));
    expect(input.text()).toBe('/mnt/données 💾');
  });
});
