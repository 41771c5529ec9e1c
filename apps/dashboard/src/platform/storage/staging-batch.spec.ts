import { packStagedEntries, unpackStagedEntries } from './staging-batch';

const bytes = (...values: number[]) => Uint8Array.from(values);

describe('staging batches', () => {
  const entries = [
    { serverId: 'web-1', data: bytes(2, 1, 9) },
    { serverId: 'bäckerei', data: bytes() },
    { serverId: 'web-10', data: bytes(7) },
  ];

  it('gives back every entry in order, ids outside ASCII and empty data included', () => {
    expect(unpackStagedEntries(packStagedEntries(entries))).toEqual(entries);
    expect(unpackStagedEntries(packStagedEntries([]))).toEqual([]);
  });

  it("gives back one server's entries only, not those whose id merely starts alike", () => {
    const packed = packStagedEntries([...entries, { serverId: 'web-1', data: bytes(3) }]);
    expect(unpackStagedEntries(packed, 'web-1')).toEqual([entries[0], { serverId: 'web-1', data: bytes(3) }]);
    expect(unpackStagedEntries(packed, 'bäckerei')).toEqual([entries[1]]);
    expect(unpackStagedEntries(packed, 'web')).toEqual([]);
  });

  it('refuses a truncated row and an unknown layout rather than return garbage', () => {
    const packed = packStagedEntries(entries);
    for (const cut of [2, 6, packed.length - 1]) {
      expect(() => unpackStagedEntries(packed.subarray(0, cut))).toThrow('truncated history staging row');
    }
    expect(() => unpackStagedEntries(bytes(9, 0, 0))).toThrow('unknown history staging layout 9');
  });

  it('reads a row that lies inside a larger buffer, as a database driver may hand it over', () => {
    const packed = packStagedEntries(entries);
    const larger = new Uint8Array(packed.length + 10);
    larger.set(packed, 5);
    expect(unpackStagedEntries(larger.subarray(5, 5 + packed.length))).toEqual(entries);
  });
});
