import type { Sample } from '../../../domain/sample';
import { decodeSamples, encodeSamples } from './sample-codec';

const minute = (n: number) => Date.UTC(2026, 10, 29) + n * 60_000;

describe('sample codec', () => {
  it('gives back what it packed, at each kind’s precision', () => {
    const samples: Sample[] = [
      { at: minute(0), values: { cpu: 12.34, mem: 2_147_483_648, 'net.sent': 1_000_000_000_000_000, 'disk.used /': 1024 ** 2 * 1000 } },
      {
        at: minute(1),
        values: { cpu: 0, mem: 2_147_483_648 - 4 * 1024 ** 2, 'net.sent': 1_000_000_000_123_457, 'disk.used /data': 5 * 1024 ** 2 },
      },
      { at: minute(2), values: { cpu: 99.99, 'net.sent': 0 } },
    ];
    expect(decodeSamples(encodeSamples(samples))).toEqual(samples);
  });

  it('rounds to the quantum and keeps maxima', () => {
    const [back] = decodeSamples(
      encodeSamples([{ at: minute(0) + 499, values: { cpu: 12.3456, mem: 1.6 * 1024 ** 2 }, max: { cpu: 50.004 } }]),
    );
    expect(back).toEqual({ at: minute(0), values: { cpu: 12.35, mem: 2 * 1024 ** 2 }, max: { cpu: 50 } });
  });

  it('keeps the 1.1 channels, a temperature below zero and its tenths included', () => {
    const samples: Sample[] = [
      { at: minute(0), values: { 'temp.max': -12.3, procs: 312, 'conn.tcp': 100_000, 'cpu.iowait': 2.5, 'gpu.util 0': 97 } },
      { at: minute(1), values: { 'temp.max': 71.5, procs: 0, 'conn.tcp': 0, 'cpu.iowait': 0, 'gpu.util 0': 0 } },
    ];
    expect(decodeSamples(encodeSamples(samples))).toEqual(samples);
    const [back] = decodeSamples(encodeSamples([{ at: minute(0), values: { 'temp.max': 45.678 } }]));
    expect(back.values).toEqual({ 'temp.max': 45.7 });
  });

  it('leaves out values that are not finite', () => {
    const [back] = decodeSamples(encodeSamples([{ at: minute(0), values: { cpu: NaN, load: 1.5 } }]));
    expect(back.values).toEqual({ load: 1.5 });
  });

  it('keeps a steady report to a few bytes', () => {
    const samples: Sample[] = Array.from({ length: 120 }, (_, i) => ({
      at: minute(0) + i * 5000,
      values: {
        cpu: 20 + (i % 7),
        mem: 4e9 + i * 8192,
        'net.in': 12_000 + i,
        'net.out': 3000,
        'net.sent': 1e10 + i * 15_000,
        'net.recv': 2e10 + i * 60_000,
      },
    }));
    expect(encodeSamples(samples).length / samples.length).toBeLessThan(16);
  });

  it('writes a known kind as a code, whatever the length of its name', () => {
    const size = (name: string) => encodeSamples([{ at: minute(0), values: { [name]: 0 } }]).length;
    expect(size('cpu.iowait')).toBe(size('cpu'));
    expect(size('disk.used /')).toBe(size('cpu') + 1);
    expect(size('custom.kind')).toBeGreaterThan(size('cpu') + 'custom.kind'.length - 1);
  });

  it('keeps names of kinds it has no code for, an empty subject and a mount path that is not ASCII', () => {
    const samples: Sample[] = [
      { at: minute(0), values: { 'custom.thing': 1.5, 'disk.used ': 1024 ** 2, 'disk.used /mnt/données': 1024 ** 2 } },
    ];
    expect(decodeSamples(encodeSamples(samples))).toEqual(samples);
  });

  it('reads chunks stored in the first format, with every name written out', () => {
    // Two samples of cpu and `disk.used /`, the second with a maximum, as the first format stored them.
    const stored = Buffer.from('AQKArNuwDXgBAgNjcHWlE5UEC2Rpc2sudXNlZCAv0Q8DAQNjcHUAoR8=', 'base64');
    expect(decodeSamples(new Uint8Array(stored))).toEqual([
      { at: minute(0), values: { cpu: 12.34, 'disk.used /': 1000 * 1024 ** 2 } },
      { at: minute(1), values: { cpu: 15, 'disk.used /': 1001 * 1024 ** 2 }, max: { cpu: 20 } },
    ]);
  });

  it('refuses a format it does not know and a kind code it does not have', () => {
    expect(() => decodeSamples(new Uint8Array([9, 0, 0, 0]))).toThrow('unknown history chunk format 9');
    // Format 2, one sample at 0 s, no maxima, one column of kind code 200.
    expect(() => decodeSamples(new Uint8Array([2, 1, 0, 0, 1, 200, 1, 0]))).toThrow('unknown channel kind 200');
  });

  it('refuses truncated bytes', () => {
    const bytes = encodeSamples([{ at: minute(0), values: { cpu: 1 } }]);
    expect(() => decodeSamples(bytes.subarray(0, bytes.length - 1))).toThrow('truncated history chunk');
  });
});
