import { redactedUrl } from './redacted-url';

describe('redactedUrl', () => {
  it('hides the password of a URL and keeps the rest', () => {
    expect(redactedUrl('ws://user:hunter2@dash.example:8900/ws-report')).toBe('ws://user:***@dash.example:8900/ws-report');
    expect(redactedUrl('wss://:p%40ss@dash.example/ws-report')).toBe('wss://:***@dash.example/ws-report');
  });

  it('leaves a URL without a password unchanged', () => {
    for (const url of ['ws://dash.example:8900/ws-report', 'ws://user@dash.example/ws-report']) expect(redactedUrl(url)).toBe(url);
  });
});
