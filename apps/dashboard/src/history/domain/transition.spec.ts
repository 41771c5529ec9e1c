import { type Transition, transitionPage, transitionRowsFor } from './transition';

const t = (at: number, online: boolean): Transition => ({ serverId: 's', at, online, cause: online ? 'report' : 'connection-lost' });

describe('transitionPage', () => {
  it('gives `limit` transitions and the next page’s `before` when more rows were read', () => {
    const rows = [t(50, false), t(40, true), t(30, false), t(20, true)];
    expect(transitionPage(rows, 2)).toEqual({ page: rows.slice(0, 2), nextBefore: 40 });
  });

  it('announces no next page when the rows read are all there is', () => {
    const rows = [t(50, false), t(40, true)];
    expect(transitionPage(rows, 2)).toEqual({ page: rows, nextBefore: null });
    expect(transitionPage([], 5)).toEqual({ page: [], nextBefore: null });
  });

  it('never ends a page between two transitions of the same millisecond', () => {
    // Online and offline in the same millisecond (a connection lost right after its first report).
    const rows = [t(50, true), t(40, false), t(40, true), t(30, false)];
    expect(transitionPage(rows, 2)).toEqual({ page: rows.slice(0, 3), nextBefore: 40 });
    expect(transitionPage([t(40, false), t(40, true)], 1)).toEqual({ page: [t(40, false), t(40, true)], nextBefore: null });
    expect(transitionPage([t(40, false), t(40, true), t(30, false)], 1)).toEqual({
      page: [t(40, false), t(40, true)],
      nextBefore: 40,
    });
  });

  it('reads enough rows to see past a split millisecond', () => {
    expect(transitionRowsFor(50)).toBe(52);
  });
});
