import type { TrafficDirection } from '@sss/contracts';
import type { Bytes } from './traffic-meter';

/** The bytes that count against a quota under `direction`. */
export function usedBytes({ sent, recv }: Bytes, direction: TrafficDirection): number {
  switch (direction) {
    case 'sum':
      return sent + recv;
    case 'max':
      return Math.max(sent, recv);
    case 'in':
      return recv;
    case 'out':
      return sent;
  }
}

/** `used` as a percentage of the quota, to two decimals (past 100 when over it); null without a quota. */
export function quotaPercent(used: number, quotaBytes: number | null): number | null {
  if (quotaBytes === null) return null;
  return Math.round((used / quotaBytes) * 10_000) / 100;
}
