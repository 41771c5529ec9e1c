import type { Transition } from './transition';
import { uptimeFigures, uptimeOver } from './uptime-figures';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const NOW = 100 * DAY;

/** Newest first, as the store gives them. */
function history(...events: Array<[at: number, online: boolean]>): Transition[] {
  return events.map(([at, online]) => ({ serverId: 'a', at, online, cause: online ? 'report' : 'silence' }));
}

describe('uptimeOver', () => {
  it('starts the window in the state of the latest transition before it', () => {
    // Online since long before, offline for the last 6 hours of the day.
    expect(uptimeOver(history([NOW - 6 * HOUR, false], [NOW - 40 * DAY, true]), NOW - DAY, NOW)).toBe(75);
    // Offline since long before, online for the last 6 hours.
    expect(uptimeOver(history([NOW - 6 * HOUR, true], [NOW - 40 * DAY, false]), NOW - DAY, NOW)).toBe(25);
  });

  it('counts only the known part when nothing is known before the window', () => {
    expect(uptimeOver(history([NOW - 3 * HOUR, false], [NOW - 12 * HOUR, true]), NOW - DAY, NOW)).toBe(75);
  });

  it('is null with no transitions at all, and 100 for a server online throughout', () => {
    expect(uptimeOver([], NOW - DAY, NOW)).toBeNull();
    expect(uptimeOver(history([NOW - 2 * DAY, true]), NOW - DAY, NOW)).toBe(100);
  });

  it('ignores transitions after the window', () => {
    expect(uptimeOver(history([NOW + HOUR, false], [NOW - 2 * DAY, true]), NOW - DAY, NOW)).toBe(100);
  });
});

describe('uptimeFigures', () => {
  it('gives 24 h, 7 d and 30 d from one newest-first list', () => {
    // Online 40 days ago; down for a whole day 3 days ago; down for the last 12 hours.
    const transitions = history([NOW - 12 * HOUR, false], [NOW - 2 * DAY, true], [NOW - 3 * DAY, false], [NOW - 40 * DAY, true]);
    expect(uptimeFigures(transitions, NOW)).toEqual({
      '24h': 50,
      '7d': ((7 * 24 - 36) / (7 * 24)) * 100,
      '30d': ((30 * 24 - 36) / (30 * 24)) * 100,
    });
  });
});
