import { counterRate } from './counter-rate';

describe('counterRate', () => {
  it('is the per-second difference', () => {
    expect(counterRate(1000, 6000, 5)).toBe(1000);
  });

  it('is 0 without a previous reading, without elapsed time, or when the counter went backwards', () => {
    expect(counterRate(undefined, 6000, 5)).toBe(0);
    expect(counterRate(1000, 6000, 0)).toBe(0);
    expect(counterRate(2 ** 32 - 10, 5, 5)).toBe(0);
  });
});
