import { FRONTEND_PATH, REPORT_PATH } from '@sss/contracts';
import { execFileSync } from 'node:child_process';
import { copyFileSync, mkdtempSync, readFileSync } from 'node:fs';
import { builtinModules } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { AgentProcess } from '../agent/support/agent-process';
import { HostRootFixture } from '../agent/support/host-root-fixture';
import { DashboardProcess, ROOT } from '../support/dashboard-process';
import { FrontendClient } from '../support/ws-clients';

/** What Dockerfile.agent copies into the image: the one file `npm run build:agent-bundle` writes. */
const BUNDLE = join(ROOT, 'dist/agent-bundle/sss-agent.js');
const SECRET = 'bundle-agent-secret';
/** Optional packages the bundled code requires inside try/catch and does without: ws's native helpers, systeminformation's macOS sensors. */
const OPTIONAL = ['bufferutil', 'utf-8-validate', 'osx-temperature-sensor', 'macos-temperature-sensor'];

describe('the agent bundle (the agent image holds Node and this one file)', () => {
  beforeAll(() => {
    execFileSync('npm', ['run', '-s', 'build:agent-bundle'], { cwd: ROOT, stdio: 'pipe' });
  }, 60_000);

  it('requires nothing but Node built-ins and optional packages it does without; no Nest, no Angular', () => {
    const text = readFileSync(BUNDLE, 'utf8');
    const required = new Set([...text.matchAll(/require\("([^"]+)"\)/g)].map((m) => m[1]));
    // Bare built-in names (`os`, `fs`) come from bundled packages.
    const builtin = (name: string) => name.startsWith('node:') || builtinModules.includes(name);
    expect([...required].filter((name) => !builtin(name) && !OPTIONAL.includes(name))).toEqual([]);
    expect(text).not.toMatch(/@nestjs\/|@angular\//);
  });

  it('runs from a folder with no node_modules and reports to a real dashboard', async () => {
    const alone = mkdtempSync(join(tmpdir(), 'sss-agent-bundle-'));
    copyFileSync(BUNDLE, join(alone, 'sss-agent.js'));
    const host = new HostRootFixture();
    const dashboard = await DashboardProcess.start({ servers: [{ id: 'bundled', secret: SECRET }] });
    const agent = AgentProcess.start(
      ['--host-root', host.root, '--server', dashboard.url(REPORT_PATH), '--id', 'bundled', '--interval', '1'],
      { SSS_AGENT_SECRET: SECRET },
      alone,
      join(alone, 'sss-agent.js'),
    );
    try {
      const frontend = await new FrontendClient(dashboard.url(FRONTEND_PATH)).open();
      const report = await frontend.waitFor((m) => m.serverId === 'bundled', 20_000);
      expect(report).toMatchObject({ online: true, system: { hostname: 'fixture-host' } });
      frontend.close();
    } finally {
      await agent.stop();
      await dashboard.stop();
    }
    expect(agent.logs).toMatch(/\[transport\] connected/);
  }, 60_000);
});
