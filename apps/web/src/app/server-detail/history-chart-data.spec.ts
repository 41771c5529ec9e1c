import type { HistoryResponse, HistorySeries } from '@sss/contracts/constants';
import { appendLive, CHARTS, chartData, isRangeKey, RANGES } from './history-chart-data';

const spec = (key: string) => CHARTS.find((c) => c.key === key)!;

function series(
  name: string,
  metric: HistorySeries['metric'],
  unit: HistorySeries['unit'],
  avg: (number | null)[],
  mount?: string,
): HistorySeries {
  return { name, metric, unit, mount, avg, max: avg.map((v) => (v === null ? null : v + 1)) };
}

function history(tier: HistoryResponse['tier'], extra: Partial<HistoryResponse> = {}): HistoryResponse {
  return {
    serverId: 'web-1',
    from: 0,
    to: 30_000,
    step: 10_000,
    tier,
    timestamps: [0, 10_000, 20_000],
    series: [
      series('cpu', 'cpu', 'percent', [10, null, 30]),
      series('memory.used', 'memory', 'bytes', [100, 200, 300]),
      series('swap.used', 'swap', 'bytes', [null, null, null]),
      series('disk.used /', 'disk', 'bytes', [1, 2, 3], '/'),
      series('disk.used /data', 'disk', 'bytes', [4, 5, 6], '/data'),
      series('network.in', 'network', 'bytes/s', [7, 8, 9]),
      series('network.recv', 'network', 'bytes', [1e6, 2e6, 3e6]),
    ],
    ...extra,
  };
}

describe('chartData', () => {
  it('gives uPlot seconds on x and each series as a line', () => {
    expect(chartData(history('raw'), spec('cpu'))).toEqual({
      lines: [{ name: 'cpu', unit: 'percent', mount: undefined, max: false }],
      data: [
        [0, 10, 20],
        [10, undefined, 30], // a step without a report between two close ones: spanned
      ],
    });
  });

  it('spans steps without a report inside a run of reports, and keeps longer gaps (outages) as gaps', () => {
    const minute = 60_000;
    const timestamps = [0, 1, 2, 3, 10, 11].map((m) => m * minute);
    const gappy = history('raw', {
      step: 20_000,
      timestamps: [0, 20_000, 40_000, 60_000, 80_000, 100_000, ...timestamps.map((t) => t + 200_000)],
      series: [series('cpu', 'cpu', 'percent', [1, null, null, 2, null, 3, null, null, null, null, null, 4])],
    });
    // 1 -> 2 over 60 s and 2 -> 3 over 40 s: spanned; 3 -> 4 is minutes apart: an outage, a gap.
    expect(chartData(gappy, spec('cpu'))!.data[1]).toEqual([1, undefined, undefined, 2, undefined, 3, null, null, null, null, null, 4]);
    // Roll-ups: up to three steps are spanned.
    const hourly = history('1h', { step: 3_600_000, timestamps: [0, 1, 2, 3, 4, 5, 6].map((h) => h * 3_600_000) });
    hourly.series = [series('cpu', 'cpu', 'percent', [1, null, null, 2, null, null, null, 3])];
    hourly.timestamps.push(7 * 3_600_000);
    expect(chartData(hourly, spec('cpu'))!.data[1]).toEqual([1, undefined, undefined, 2, null, null, null, 3]);
  });

  it('adds a max line after each average for roll-ups, not for raw reports', () => {
    const rolled = chartData(history('1m'), spec('cpu'))!;
    expect(rolled.lines.map((l) => l.max)).toEqual([false, true]);
    expect(rolled.data[2]).toEqual([11, undefined, 31]);
  });

  it('puts every mount in the disk chart, leaves out series without a value and the network counters', () => {
    expect(chartData(history('raw'), spec('disk'))!.lines.map((l) => l.mount)).toEqual(['/', '/data']);
    expect(chartData(history('raw'), spec('memory'))!.lines.map((l) => l.name)).toEqual(['memory.used']); // swap: all null
    expect(chartData(history('raw'), spec('network'))!.lines.map((l) => l.name)).toEqual(['network.in']);
  });

  it('starts at the first step any of its lines has a value', () => {
    const young = history('raw', {
      timestamps: [0, 10_000, 20_000, 30_000],
      series: [
        series('network.in', 'network', 'bytes/s', [null, null, 5, 6]),
        series('network.out', 'network', 'bytes/s', [null, 1, null, 2]),
      ],
    });
    expect(chartData(young, spec('network'))!.data).toEqual([
      [10, 20, 30],
      [null, 5, 6],
      [1, undefined, 2],
    ]);
  });

  it('gives nothing for a chart without data', () => {
    expect(chartData(history('raw'), spec('load'))).toBeUndefined();
    expect(chartData(history('raw', { timestamps: [], series: [] }), spec('cpu'))).toBeUndefined();
  });
});

describe('appendLive', () => {
  const readings = { cpu: 50, 'memory.used': 400, 'network.in': 1 };

  it('appends a report a step or more after the newest point, values by series name, null for those it lacks', () => {
    const next = appendLive(history('raw'), 30_000, readings, 60_000);
    expect(next.timestamps).toEqual([0, 10_000, 20_000, 30_000]);
    expect(next.series.find((s) => s.name === 'cpu')!.avg).toEqual([10, null, 30, 50]);
    expect(next.series.find((s) => s.name === 'memory.used')!.max).toEqual([101, 201, 301, 400]);
    expect(next.series.find((s) => s.name === 'disk.used /')!.avg).toEqual([1, 2, 3, null]);
    expect(next.to).toBe(30_000);
  });

  it('keeps one point per step: a report sooner than that changes nothing', () => {
    const before = history('1m');
    expect(appendLive(before, 29_999, readings, 60_000)).toBe(before);
    expect(appendLive(before, 20_000, readings, 60_000)).toBe(before);
  });

  it('drops the points that fell out of the window', () => {
    const next = appendLive(history('raw'), 35_000, readings, 20_000);
    expect(next.timestamps).toEqual([20_000, 35_000]);
    expect(next.series.find((s) => s.name === 'cpu')!.avg).toEqual([30, 50]);
  });

  it('starts an empty history', () => {
    const next = appendLive(history('raw', { timestamps: [], series: [series('cpu', 'cpu', 'percent', [])] }), 5, readings, 60_000);
    expect(next.timestamps).toEqual([5]);
    expect(next.series[0].avg).toEqual([50]);
  });
});

describe('the charts of protocol 1.1 series', () => {
  it('has a chart for each 1.1 metric group, drawn only when its series hold values', () => {
    const h = history('raw', {
      series: [
        series('processes', 'processes', 'count', [300, 301, 302]),
        series('connections.tcp', 'connections', 'count', [1, 2, 3]),
        series('connections.udp', 'connections', 'count', [null, null, null]),
        series('temperature.max', 'temperature', 'celsius', [-2, 0, 3]),
      ],
    });
    expect(chartData(h, spec('processes'))?.lines.map((l) => l.name)).toEqual(['processes']);
    expect(chartData(h, spec('connections'))?.lines.map((l) => l.name)).toEqual(['connections.tcp']);
    expect(chartData(h, spec('temperature'))?.data[1]).toEqual([-2, 0, 3]);
    expect(chartData(h, spec('gpu'))).toBeUndefined();
    expect(chartData(history('raw'), spec('temperature'))).toBeUndefined(); // an old agent: no such chart
  });
});

describe('ranges', () => {
  it('are the five the page offers, by their URL key', () => {
    expect(Object.keys(RANGES)).toEqual(['1h', '24h', '7d', '30d', '1y']);
    expect(isRangeKey('7d')).toBe(true);
    expect(isRangeKey('2h')).toBe(false);
    expect(isRangeKey('constructor')).toBe(false);
    expect(isRangeKey(undefined)).toBe(false);
  });
});
