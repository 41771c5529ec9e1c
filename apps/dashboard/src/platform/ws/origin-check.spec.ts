import type { IncomingMessage } from 'node:http';
import { originCheck } from './origin-check';

const upgrade = (headers: Record<string, string>) => ({ headers }) as unknown as IncomingMessage;

describe('originCheck', () => {
  const check = originCheck(['https://status.example.com']);
  const host = 'dash.example:8900';

  it("lets in no Origin, the dashboard's own (any scheme, same host and port) and the allowed ones", () => {
    for (const origin of [undefined, 'http://dash.example:8900', 'https://dash.example:8900', 'https://status.example.com']) {
      expect(check(upgrade(origin === undefined ? { host } : { host, origin }))).toBeUndefined();
    }
  });

  it('refuses any other origin with 403: foreign, null, file:, another port, look-alike hosts', () => {
    for (const origin of [
      'http://evil.example',
      'null',
      'file://',
      'http://dash.example:8901',
      'http://dash.example',
      'http://dash.example:8900.evil.example',
      'http://dash.example.evil.example:8900',
      'https://status.example.com.evil.example',
      'http://user@dash.example:8900',
    ]) {
      expect([origin, check(upgrade({ host, origin }))]).toEqual([origin, { status: 403, reason: 'origin not allowed' }]);
    }
  });

  it('refuses an Origin when the request has no Host to compare it with', () => {
    expect(check(upgrade({ origin: 'http://dash.example:8900' }))).toEqual({ status: 403, reason: 'origin not allowed' });
  });
});
