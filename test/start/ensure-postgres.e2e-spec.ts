import { spawnSync } from 'node:child_process';
import { accessSync, constants } from 'node:fs';
import { join } from 'node:path';
import { cleanEnv } from '../support/child-app';
import { ROOT } from '../support/dashboard-process';

/** `node scripts/ensure-postgres.js`: what the e2e global setup runs before starting the test cluster, as a process. */
function ensurePostgres(env: NodeJS.ProcessEnv = {}) {
  return spawnSync(process.execPath, [join(ROOT, 'scripts/ensure-postgres.js')], { env: { ...cleanEnv(), ...env }, encoding: 'utf8' });
}

describe('scripts/ensure-postgres.js', () => {
  it('prints the directory of the initdb and pg_ctl the tests run', () => {
    const run = ensurePostgres();
    expect(run.status).toBe(0);
    const bin = run.stdout.trim();
    expect(bin).toMatch(/^\//);
    for (const program of ['initdb', 'pg_ctl']) expect(() => accessSync(join(bin, program), constants.X_OK)).not.toThrow();
  });

  it('stops with one line naming the command to run when SSS_PG_BIN names no PostgreSQL', () => {
    const run = ensurePostgres({ SSS_PG_BIN: '/nonexistent/bin' });
    expect(run.status).toBe(1);
    expect(run.stdout).toBe('');
    expect(run.stderr.trimEnd().split('\n')).toEqual([
      `PostgreSQL tests: no initdb and pg_ctl in SSS_PG_BIN=/nonexistent/bin; point it at PostgreSQL's bin directory, or unset it and run: ${process.getuid?.() === 0 ? '' : 'sudo '}apt-get install -y postgresql`,
    ]);
  });
});
