import type { DiskInfo } from '@sss/contracts/constants';
import { fullestDisk, usageLevel } from './usage-level';

describe('usageLevel', () => {
  it.each([
    [0, 'ok'],
    [69.9, 'ok'],
    [70, 'warning'],
    [89.99, 'warning'],
    [90, 'critical'],
    [100, 'critical'],
  ])('%d %% is %s', (percent, level) => {
    expect(usageLevel(percent)).toBe(level);
  });
});

describe('fullestDisk', () => {
  const disk = (path: string, usedPercent: number): DiskInfo => ({
    path,
    usedPercent,
    total: 1,
    used: 1,
    free: 0,
    readSpeed: 0,
    writeSpeed: 0,
  });

  it('picks the highest usage, or nothing without disks', () => {
    expect(fullestDisk([disk('/', 40), disk('/data', 95), disk('/boot', 60)])?.path).toBe('/data');
    expect(fullestDisk([])).toBeUndefined();
  });
});
