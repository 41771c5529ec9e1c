import { spawnSync } from 'node:child_process';
import { accessSync, constants } from 'node:fs';
import { join } from 'node:path';
import { cleanEnv } from '../support/child-app';
import { ROOT } from '../support/dashboard-process';

/** `node scripts/ensure-chromium.js`: what the e2e global setup runs before any test, as a process. */
function ensureChromium(env: NodeJS.ProcessEnv = {}) {
  return spawnSync(process.execPath, [join(ROOT, 'scripts/ensure-chromium.js')], { env: { ...cleanEnv(), ...env }, encoding: 'utf8' });
}

describe('scripts/ensure-chromium.js', () => {
  it('prints the Chromium this run uses, which can be run', () => {
    const run = ensureChromium();
    expect(run.status).toBe(0);
    const path = run.stdout.trim();
    expect(path).toMatch(/^\//);
    expect(() => accessSync(path, constants.X_OK)).not.toThrow();
  });

  it('stops with one line naming the command to run when CHROMIUM_PATH names no browser', () => {
    const run = ensureChromium({ CHROMIUM_PATH: '/nonexistent/chromium' });
    expect(run.status).toBe(1);
    expect(run.stdout).toBe('');
    expect(run.stderr.trimEnd().split('\n')).toEqual([
      `browser tests: no Chromium at CHROMIUM_PATH=/nonexistent/chromium; point it at one, or unset it and run: ${process.getuid?.() === 0 ? '' : 'sudo '}apt-get install -y chromium`,
    ]);
  });
});
