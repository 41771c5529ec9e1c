import type { TrafficDirection, TrafficPeriod } from '@sss/contracts';
import type { Period } from './billing-cycle';
import type { TrafficDay } from './traffic-day';
import { usedBytes } from './traffic-usage';

/** Each period's sent, received and used bytes, summed from the days inside it. */
export function periodTotals(periods: readonly Period[], days: readonly TrafficDay[], direction: TrafficDirection): TrafficPeriod[] {
  return periods.map(({ start, end }) => {
    let sent = 0;
    let recv = 0;
    for (const d of days) {
      if (d.day < start || d.day >= end) continue;
      sent += d.sent;
      recv += d.recv;
    }
    return { start, end, sent, recv, used: usedBytes({ sent, recv }, direction) };
  });
}
