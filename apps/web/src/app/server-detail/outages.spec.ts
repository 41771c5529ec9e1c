import type { ServerEvent } from '@sss/contracts/constants';
import { outagesOf } from './outages';

const on = (at: number): ServerEvent => ({ at, online: true, cause: 'report' });
const off = (at: number, cause: ServerEvent['cause'] = 'silence'): ServerEvent => ({ at, online: false, cause });

describe('outagesOf', () => {
  it('pairs each offline event with the next online one, newest first, with its cause', () => {
    const events = [on(900), off(700, 'connection-lost'), on(500), off(300), on(100)]; // newest first, as the API gives them
    expect(outagesOf(events)).toEqual([
      { from: 700, to: 900, cause: 'connection-lost' },
      { from: 300, to: 500, cause: 'silence' },
    ]);
  });

  it('keeps an outage still going open, and counts a second offline event inside one as the same outage', () => {
    expect(outagesOf([off(800, 'dashboard-restart'), off(600), on(400)])).toEqual([{ from: 600, to: null, cause: 'silence' }]);
  });

  it('leaves out an online event whose outage began before the events listed', () => {
    expect(outagesOf([on(500)])).toEqual([]);
    expect(outagesOf([])).toEqual([]);
  });
});
