import { AUTH_PATHS, SERVERS_API_PATH } from '@sss/contracts';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DashboardProcess } from './dashboard-process';
import { findLeaks, LEAK_DIR_ENV, stopWitnessing } from './leak-witness';

/** The witness behind global-teardown's leak check: it sees what the suites do, and finds a secret where it is. */
describe('the leak witness', () => {
  it('records the secrets, log lines and response bodies of a real dashboard in this run', async () => {
    const folder = process.env[LEAK_DIR_ENV]!;
    expect(folder).toBeTruthy();
    const dashboard = await DashboardProcess.start({ servers: [{ id: 'witnessed', secret: 'witnessed-secret-value' }] });
    try {
      await (await fetch(dashboard.url(SERVERS_API_PATH, 'http'))).text();
      const login = { username: 'nobody', password: 'witnessed-password' };
      await fetch(dashboard.url(AUTH_PATHS.login, 'http'), {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(login),
      });
    } finally {
      await dashboard.stop();
    }
    const read = (kind: string) => {
      const file = join(folder, `${kind}-${process.pid}.txt`);
      return existsSync(file) ? readFileSync(file, 'utf8') : '';
    };
    expect(read('secrets')).toContain('"witnessed-secret-value"');
    expect(read('secrets')).toContain('"witnessed-password"');
    expect(read('logs')).toMatch(/dashboard listening/);
    expect(read('responses')).toMatch(/wrong username or password/);
  }, 60_000);

  it('finds a secret in a log or a response, and nothing in clean files', () => {
    const folder = mkdtempSync(join(tmpdir(), 'sss-leak-witness-test-'));
    try {
      writeFileSync(join(folder, 'secrets-1.txt'), '"a-long-secret-1"\n"another-secret"\n');
      writeFileSync(join(folder, 'logs-1.txt'), 'INFO agent connected serverId="web-1"\n');
      writeFileSync(join(folder, 'responses-2.txt'), 'GET /api/servers\n[]\n');
      expect(findLeaks(folder)).toEqual([]);

      writeFileSync(join(folder, 'logs-2.txt'), 'WARN agent authentication failed secret="a-long-secret-1"\n');
      expect(findLeaks(folder)).toEqual([
        { secret: 'a-long-secret-1', file: 'logs-2.txt', excerpt: 'WARN agent authentication failed secret="a-long-secret-1"\n' },
      ]);
    } finally {
      stopWitnessing(folder);
    }
  });

  it('allows an issued secret in the one response that made it, however often it shows there, and in no later one', () => {
    const folder = mkdtempSync(join(tmpdir(), 'sss-leak-witness-test-'));
    try {
      writeFileSync(join(folder, 'issued-1.txt'), '"issued-secret-value"\n');
      writeFileSync(join(folder, 'responses-1.txt'), 'POST /api/x\n{"secret":"issued-secret-value","env":"KEY=issued-secret-value"}\n');
      expect(findLeaks(folder)).toEqual([]);
      writeFileSync(join(folder, 'responses-1.txt'), 'GET /api/x\n{"secret":"issued-secret-value"}\n', { flag: 'a' });
      expect(findLeaks(folder).map((l) => l.secret)).toEqual(['issued-secret-value']);
    } finally {
      stopWitnessing(folder);
    }
  });
});
