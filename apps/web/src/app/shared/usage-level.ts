import type { DiskInfo } from '@sss/contracts/constants';

export type UsageLevel = 'ok' | 'warning' | 'critical';

/** >= 70 % is a warning, >= 90 % critical. */
export function usageLevel(percent: number): UsageLevel {
  if (percent >= 90) return 'critical';
  if (percent >= 70) return 'warning';
  return 'ok';
}

/** The disk closest to full, the one worth a bar on a card. */
export function fullestDisk(disks: readonly DiskInfo[]): DiskInfo | undefined {
  return disks.reduce<DiskInfo | undefined>((max, d) => (!max || d.usedPercent > max.usedPercent ? d : max), undefined);
}
