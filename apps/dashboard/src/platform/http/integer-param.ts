import { Transform } from 'class-transformer';

/** A whole-number query parameter; anything but digits becomes NaN, which the parameter's @IsInt refuses. */
export function IntegerParam(): PropertyDecorator {
  return Transform(({ value }: { value: unknown }) => (typeof value === 'string' && /^\d{1,16}$/.test(value) ? Number(value) : NaN));
}
