import { TestBed } from '@angular/core/testing';
import type { UptimeByServer } from '@sss/contracts/constants';
import { BoardUptime, UPTIME_REFRESH_MS, UPTIME_REQUEST } from './board-uptime.service';

describe('BoardUptime', () => {
  let answers: (() => Promise<UptimeByServer>)[];
  let requests: number;

  beforeEach(() => {
    jest.useFakeTimers({ doNotFake: ['queueMicrotask', 'nextTick'] });
    requests = 0;
    TestBed.configureTestingModule({
      providers: [{ provide: UPTIME_REQUEST, useValue: () => answers[requests++]() }],
    });
  });

  afterEach(() => {
    TestBed.resetTestingModule();
    jest.useRealTimers();
  });

  it('asks once for the whole fleet, again every minute, and keeps the last figures when a request fails', async () => {
    answers = [() => Promise.resolve({ a: 99.5, b: null }), () => Promise.reject(new Error('down')), () => Promise.resolve({ a: 98 })];
    const uptime = TestBed.inject(BoardUptime).uptime;
    await jest.advanceTimersByTimeAsync(0);
    expect(uptime()).toEqual({ a: 99.5, b: null });

    await jest.advanceTimersByTimeAsync(UPTIME_REFRESH_MS - 1);
    expect(requests).toBe(1);
    await jest.advanceTimersByTimeAsync(1);
    expect(requests).toBe(2);
    expect(uptime()).toEqual({ a: 99.5, b: null });

    await jest.advanceTimersByTimeAsync(UPTIME_REFRESH_MS);
    expect(uptime()).toEqual({ a: 98 });
  });

  it('stops asking when the page goes', async () => {
    answers = [() => Promise.resolve({})];
    TestBed.inject(BoardUptime);
    TestBed.resetTestingModule();
    await jest.advanceTimersByTimeAsync(UPTIME_REFRESH_MS * 3);
    expect(requests).toBe(1);
  });
});
