import type { TrafficResponse } from '@sss/contracts/constants';
import { trafficBars } from './traffic-bars';

const GB = 1024 ** 3;
const period = (month: number, used: number) => ({
  start: Date.UTC(2026, month, 1),
  end: Date.UTC(2026, month + 1, 1),
  sent: used,
  recv: 0,
  used,
});
const answer = (quotaBytes: number | null): TrafficResponse => ({
  serverId: 'a',
  resetDay: 1,
  quotaBytes,
  direction: 'out',
  percent: null,
  periods: [period(2, 50 * GB), period(1, 200 * GB), period(0, 0)],
});

describe('trafficBars', () => {
  it('draws the periods oldest first on the scale of the largest, the current one last', () => {
    const { bars, quotaLine } = trafficBars(answer(null), 'en');
    expect(bars.map((b) => [b.label, b.height, b.current, b.over])).toEqual([
      ['Jan 26', 0, false, false],
      ['Feb', 100, false, false],
      ['Mar', 25, true, false],
    ]);
    expect(bars[2].text).toBe('Mar 1, 2026 – Mar 31, 2026: 50.0 GB');
    expect(quotaLine).toBeNull();
  });

  it('scales to the quota when it is larger, and marks a period over it', () => {
    expect(trafficBars(answer(400 * GB), 'zh-CN')).toMatchObject({
      quotaLine: 100,
      bars: [{ height: 0, label: '26年1月' }, { height: 50 }, { height: 12.5, text: '2026年3月1日 – 2026年3月31日: 50.0 GB' }],
    });
    expect(trafficBars(answer(100 * GB), 'en').bars.map((b) => [b.height, b.over])).toEqual([
      [0, false],
      [100, true],
      [25, false],
    ]);
    expect(trafficBars(answer(100 * GB), 'en').quotaLine).toBe(50);
  });
});
