/**
 * A share such as uptime with `digits` decimals, rounded down so that 99.97 %
 * never reads as 100 % (which should mean no downtime at all): `99.9%`, `100%`.
 */
export function formatPercent(value: number, digits: number): string {
  if (!Number.isFinite(value)) return '–';
  if (value >= 100) return '100%';
  const scale = 10 ** digits;
  return `${(Math.floor(Math.max(0, value) * scale) / scale).toFixed(digits)}%`;
}
