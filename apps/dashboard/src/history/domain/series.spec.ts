import { HISTORY_METRICS } from '@sss/contracts';
import type { Sample } from './sample';
import { toSeries } from './series';

const MINUTE = 60_000;
const T0 = 1_750_003_200_000; // a whole hour

describe('toSeries', () => {
  it('averages and maximises each aligned step per channel, null where a step has nothing', () => {
    const samples: Sample[] = [
      { at: T0 + 1_000, values: { cpu: 10, mem: 1_000 } },
      { at: T0 + 31_000, values: { cpu: 20.005, mem: 2_001 } },
      // the second minute has no report
      { at: T0 + 2 * MINUTE + 5_000, values: { cpu: 40, mem: 4_000 } },
    ];
    const { timestamps, series } = toSeries(samples, T0 + 500, T0 + 3 * MINUTE, MINUTE, ['cpu', 'memory']);
    expect(timestamps).toEqual([T0, T0 + MINUTE, T0 + 2 * MINUTE]);
    expect(series).toEqual([
      { metric: 'cpu', name: 'cpu', unit: 'percent', avg: [15, null, 40], max: [20.01, null, 40] },
      { metric: 'memory', name: 'memory.used', unit: 'bytes', avg: [1_501, null, 4_000], max: [2_001, null, 4_000] },
    ]);
  });

  it("keeps roll-up steps' own maxima, and a counter's last value", () => {
    const samples: Sample[] = [
      { at: T0, values: { cpu: 10, 'net.sent': 100 }, max: { cpu: 50, 'net.sent': 100 } },
      { at: T0 + MINUTE, values: { cpu: 30, 'net.sent': 250 }, max: { cpu: 35, 'net.sent': 250 } },
    ];
    const { series } = toSeries(samples, T0, T0 + 2 * MINUTE, 2 * MINUTE, ['cpu', 'network']);
    expect(series.map(({ name, unit, avg, max }) => ({ name, unit, avg, max }))).toEqual([
      { name: 'cpu', unit: 'percent', avg: [20], max: [50] },
      { name: 'network.sent', unit: 'bytes', avg: [250], max: [250] },
    ]);
  });

  it('names every kind of channel, with the mount of disk series, in metric order, and only the asked metrics', () => {
    const values = {
      'net.recv': 1,
      'net.out': 1,
      'net.in': 1,
      'disk.write /data': 1,
      'disk.read /': 1,
      'disk.used /data': 1,
      'disk.used /': 1,
      load: 1,
      swap: 1,
      mem: 1,
      cpu: 1,
      'gpu.util 1': 1,
      'gpu.util 0': 1,
      'temp.max': -3.5,
      'conn.udp': 1,
      'conn.tcp': 1,
      procs: 1,
      'cpu.steal': 1,
      'cpu.iowait': 1,
      'temp.future sensor': 1, // a kind this dashboard does not know: left out
    };
    const all = toSeries([{ at: T0, values }], T0, T0 + MINUTE, MINUTE, HISTORY_METRICS);
    expect(all.series.map((s) => [s.metric, s.name, s.unit, s.mount])).toEqual([
      ['cpu', 'cpu', 'percent', undefined],
      ['cpu', 'cpu.iowait', 'percent', undefined],
      ['cpu', 'cpu.steal', 'percent', undefined],
      ['memory', 'memory.used', 'bytes', undefined],
      ['swap', 'swap.used', 'bytes', undefined],
      ['load', 'load.1', 'load', undefined],
      ['disk', 'disk.used /', 'bytes', '/'],
      ['disk', 'disk.used /data', 'bytes', '/data'],
      ['diskio', 'disk.read /', 'bytes/s', '/'],
      ['diskio', 'disk.write /data', 'bytes/s', '/data'],
      ['network', 'network.in', 'bytes/s', undefined],
      ['network', 'network.out', 'bytes/s', undefined],
      ['network', 'network.recv', 'bytes', undefined],
      ['processes', 'processes', 'count', undefined],
      ['connections', 'connections.tcp', 'count', undefined],
      ['connections', 'connections.udp', 'count', undefined],
      ['temperature', 'temperature.max', 'celsius', undefined],
      ['gpu', 'gpu.util 0', 'percent', undefined],
      ['gpu', 'gpu.util 1', 'percent', undefined],
    ]);
    expect(all.series.find((s) => s.name === 'temperature.max')?.avg).toEqual([-3.5]); // the one kind that may be negative
    const some = toSeries([{ at: T0, values }], T0, T0 + MINUTE, MINUTE, ['diskio']);
    expect(some.series.map((s) => s.name)).toEqual(['disk.read /', 'disk.write /data']);
  });

  it('gives every timestamp of the range and empty series lists when nothing was recorded', () => {
    expect(toSeries([], T0 + 1, T0 + 5_000, 1_000, ['cpu'])).toEqual({
      timestamps: [T0, T0 + 1_000, T0 + 2_000, T0 + 3_000, T0 + 4_000],
      series: [],
    });
  });
});
