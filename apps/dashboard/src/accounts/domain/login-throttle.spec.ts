import { LoginThrottle } from './login-throttle';

describe('LoginThrottle', () => {
  const minute = 60_000;

  it('lets a key fail up to the rule, then makes it wait until its oldest failure leaves the window', () => {
    const throttle = new LoginThrottle({ failures: 3, windowMs: 10 * minute });
    throttle.fail('ip:1', 0);
    throttle.fail('ip:1', minute);
    expect(throttle.waitMs('ip:1', minute)).toBe(0);
    throttle.fail('ip:1', 2 * minute);
    expect(throttle.waitMs('ip:1', 2 * minute)).toBe(8 * minute);
    expect(throttle.waitMs('ip:1', 10 * minute - 1)).toBe(1);
    expect(throttle.waitMs('ip:1', 10 * minute)).toBe(0); // the first failure aged out: one more try
    throttle.fail('ip:1', 10 * minute);
    expect(throttle.waitMs('ip:1', 10 * minute)).toBe(minute); // now the one at 1 minute decides
  });

  it('keeps keys apart, and a success clears its key', () => {
    const throttle = new LoginThrottle({ failures: 1, windowMs: minute });
    throttle.fail('user:ann', 0);
    expect(throttle.waitMs('user:ann', 1)).toBeGreaterThan(0);
    expect(throttle.waitMs('user:bob', 1)).toBe(0);
    throttle.succeed('user:ann');
    expect(throttle.waitMs('user:ann', 1)).toBe(0);
  });
});
