/**
 * Per-second rate of a cumulative counter. No previous reading, no elapsed
 * time, or a counter that went backwards (reboot, interface re-created, wrap)
 * gives 0: never a negative value, never a spike.
 */
export function counterRate(previous: number | undefined, current: number, seconds: number): number {
  if (previous === undefined || seconds <= 0 || current < previous) return 0;
  return (current - previous) / seconds;
}
