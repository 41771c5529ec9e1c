import type { TrafficPlan } from '@sss/contracts';

/** The cycle of a server configured without `traffic`: calendar months, no quota, both directions. */
export const DEFAULT_TRAFFIC_PLAN: TrafficPlan = { resetDay: 1, quotaBytes: null, direction: 'sum' };
