/** Degrees Celsius to a whole degree, the precision sensors mostly have: `54 °C`, `-3 °C`. */
export function formatCelsius(celsius: number): string {
  if (!Number.isFinite(celsius)) return '–';
  return `${Math.round(celsius) || 0} °C`; // `|| 0`: no `-0 °C`
}
