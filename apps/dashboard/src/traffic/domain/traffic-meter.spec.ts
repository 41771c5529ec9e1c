import { trafficBetween } from './traffic-meter';

describe('trafficBetween', () => {
  it('counts nothing for a first reading: what came before it is unknown', () => {
    expect(trafficBetween(undefined, { sent: 5_000, recv: 9_000, bootTime: 100 })).toEqual({ sent: 0, recv: 0 });
  });

  it('counts the growth of each counter on the same boot', () => {
    expect(trafficBetween({ sent: 1_000, recv: 2_000, bootTime: 100 }, { sent: 1_500, recv: 2_700, bootTime: 100 })).toEqual({
      sent: 500,
      recv: 700,
    });
  });

  it('counts the new counters from zero after a reboot, even when they passed the old ones', () => {
    expect(trafficBetween({ sent: 1_000, recv: 2_000, bootTime: 100 }, { sent: 3_000, recv: 4_000, bootTime: 900 })).toEqual({
      sent: 3_000,
      recv: 4_000,
    });
  });

  it('takes a boot time a second or two off as the same boot (an agent that derives it from the uptime)', () => {
    expect(trafficBetween({ sent: 1_000, recv: 2_000, bootTime: 100 }, { sent: 1_100, recv: 2_100, bootTime: 101 })).toEqual({
      sent: 100,
      recv: 100,
    });
  });

  it('counts both counters from zero when either went backwards, with or without boot times', () => {
    expect(trafficBetween({ sent: 1_000, recv: 2_000 }, { sent: 300, recv: 2_500 })).toEqual({ sent: 300, recv: 2_500 });
    expect(trafficBetween({ sent: 1_000, recv: 2_000, bootTime: 100 }, { sent: 1_200, recv: 50, bootTime: 100 })).toEqual({
      sent: 1_200,
      recv: 50,
    });
  });

  it('compares counters only when one side lacks a boot time (an agent upgraded to 1.1)', () => {
    expect(trafficBetween({ sent: 1_000, recv: 2_000 }, { sent: 1_010, recv: 2_020, bootTime: 100 })).toEqual({ sent: 10, recv: 20 });
  });
});
