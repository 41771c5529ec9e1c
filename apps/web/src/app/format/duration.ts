type Unit = 'd' | 'h' | 'm' | 's';

/** How each unit is written after its number, per language (I18n's `duration.*` messages). */
export type UnitNames = Readonly<Record<Unit, string>>;

const SHORT: UnitNames = { d: 'd', h: 'h', m: 'm', s: 's' };

const UNITS: ReadonlyArray<[unit: Unit, seconds: number]> = [
  ['d', 86_400],
  ['h', 3_600],
  ['m', 60],
  ['s', 1],
];

/**
 * A duration as its largest units down to `smallest`, e.g. `18d 6h 32m` or `5m`.
 * Units below the largest are kept even when zero (`10d 0h 0m`) so widths stay steady.
 */
export function formatDuration(totalSeconds: number, parts: number, smallest: Unit = 's', names: UnitNames = SHORT): string {
  let rest = Math.max(0, Math.floor(Number.isFinite(totalSeconds) ? totalSeconds : 0));
  const last = UNITS.findIndex(([unit]) => unit === smallest);
  const first = UNITS.findIndex(([, size]) => rest >= size);
  const start = first === -1 || first > last ? last : first;
  const out: string[] = [];
  for (const [unit, size] of UNITS.slice(start, Math.min(start + parts, last + 1))) {
    out.push(`${Math.floor(rest / size)}${names[unit]}`);
    rest %= size;
  }
  return out.join(' ');
}

/** Uptime as days, hours and minutes (`18d 6h 32m`); seconds only in the first minute. */
export function formatUptime(seconds: number, names: UnitNames = SHORT): string {
  return seconds < 60 ? formatDuration(seconds, 1, 's', names) : formatDuration(seconds, 3, 'm', names);
}

/** How long ago `thenMs` was, in one unit (`3s`, `5m`, `2h`); a future time counts as now. */
export function formatAge(thenMs: number, nowMs: number, names: UnitNames = SHORT): string {
  return formatDuration((nowMs - thenMs) / 1000, 1, 's', names);
}
