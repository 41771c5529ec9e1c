import type { Bytes } from './traffic-meter';

const DAY_MS = 86_400_000;

/**
 * Traffic is kept per UTC day, the unit every billing period is made of (a
 * period starts at 00:00 UTC), so a changed reset day regroups the days it has.
 */
export interface TrafficDay extends Bytes {
  /** 00:00 UTC of the day, Unix ms. */
  day: number;
}

/** 00:00 UTC of the day that holds `at`. */
export function dayOf(at: number): number {
  return Math.floor(at / DAY_MS) * DAY_MS;
}
