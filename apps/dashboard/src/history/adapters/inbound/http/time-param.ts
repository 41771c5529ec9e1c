import { Transform } from 'class-transformer';

/**
 * A time query parameter, Unix milliseconds (`1735689600000`) or an ISO 8601
 * date (`2025-01-01T00:00:00Z`), converted to Unix ms; anything else becomes
 * NaN, which the parameter's @IsInt refuses.
 */
export function TimeParam(): PropertyDecorator {
  return Transform(({ value }: { value: unknown }) => parseTime(value));
}

export function parseTime(value: unknown): number {
  if (typeof value !== 'string') return NaN;
  if (/^\d{1,16}$/.test(value)) return Number(value);
  return /^\d{4}-\d{2}-\d{2}/.test(value) ? Date.parse(value) : NaN;
}
