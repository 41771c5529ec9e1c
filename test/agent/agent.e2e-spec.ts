import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { FRONTEND_PATH, parseServerInfo, REPORT_PATH } from '@sss/contracts';
import { DashboardProcess, ROOT } from '../support/dashboard-process';
import { FrontendClient } from '../support/ws-clients';
import { AgentProcess } from './support/agent-process';
import { HostRootFixture } from './support/host-root-fixture';
import { TestWsServer } from './support/test-ws-server';

const SECRET = 'e2e-agent-secret-value';
const SERVERS = [{ id: 'this-host', secret: SECRET, group: 'e2e' }];
/** Every agent here reads a fixture host tree: the reports do not depend on this machine's disks or routes. */
const host = new HostRootFixture();
const ON_FIXTURE = ['--host-root', host.root];
const VERSION = (JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { version: string }).version;

describe('the built agent against the real dashboard', () => {
  let dashboard: DashboardProcess;
  const agents: AgentProcess[] = [];
  const agent = (args: string[], env: NodeJS.ProcessEnv = {}) => {
    const a = AgentProcess.start([...ON_FIXTURE, ...args], env);
    agents.push(a);
    return a;
  };

  beforeAll(async () => {
    dashboard = await DashboardProcess.start({ servers: SERVERS });
  }, 30_000);
  afterEach(async () => {
    await Promise.all(agents.splice(0).map((a) => a.stop()));
  });
  afterAll(async () => {
    await dashboard.stop();
  });

  it("delivers the host's report to a frontend client", async () => {
    const frontend = await new FrontendClient(dashboard.url(FRONTEND_PATH)).open();
    const a = agent(['--server', dashboard.url(REPORT_PATH), '--id', 'this-host', '--interval', '1'], { SSS_AGENT_SECRET: SECRET });
    const got = await frontend.waitFor((m) => m.serverId === 'this-host', 15_000);
    expect(got).toMatchObject({
      serverName: 'fixture-host',
      group: 'e2e',
      online: true,
      system: { hostname: 'fixture-host', os: 'linux' },
    });
    const report: Record<string, unknown> = { ...got };
    delete report.online; // the two fields the dashboard adds for frontends
    delete report.lastSeen;
    expect(parseServerInfo(JSON.stringify(report)).ok).toBe(true);
    expect(got.disk.map((d) => d.path)).toEqual(['/', '/mnt/my disk']);
    expect(got.network.interfaceName).toBe('eth0');
    expect(got.timestamp).toBeGreaterThan(Date.now() / 1000 - 10);
    // Protocol 1.1 through the real dashboard: the built agent's version; the host root has no swap or sensors.
    expect(got.agentVersion).toBe(VERSION);
    for (const key of ['swap', 'temperatures', 'gpu']) expect(Object.keys(got)).not.toContain(key);
    // Reports keep coming at the interval.
    await frontend.waitFor((m) => m.serverId === 'this-host' && m.timestamp >= got.timestamp + 2, 10_000);
    frontend.close();
    expect(a.logs).toMatch(/INFO .*\[transport\] connected/);
    expect(a.logs + dashboard.logs).not.toContain(SECRET);
  }, 40_000);

  it('logs a refused secret as one error line with a hint, and tries again after the backoff', async () => {
    const a = agent(['--server', dashboard.url(REPORT_PATH), '--id', 'this-host', '--secret', 'wrong-secret']);
    const refused = /ERROR \[transport\] dashboard refused this agent code=1008 .*hint=/;
    await a.waitForLog(new RegExp(`${refused.source}[\\s\\S]*${refused.source}`), 20_000); // the second attempt, 3 s later
    expect(a.logs.match(/^.*\[transport\].*$/gm)).toEqual([expect.stringMatching(refused), expect.stringMatching(refused)]);
    // One line per source address every 10 s, repeats counted in the next: the retry 3 s later is not a line of its own.
    expect(dashboard.logs.match(/agent authentication failed.*claimedId="this-host"/g)?.length).toBeGreaterThanOrEqual(1);
    expect(a.proc.exitCode).toBeNull();
    expect(a.logs).not.toContain('wrong-secret');
  }, 30_000);

  it('never logs the password of a server URL given with credentials (ws://user:pass@host)', async () => {
    const withPassword = dashboard.url(REPORT_PATH).replace('ws://', 'ws://monitor:url-password-42@');
    const a = agent(['--server', withPassword, '--id', 'this-host', '--interval', '1'], { SSS_AGENT_SECRET: SECRET });
    await a.waitForLog(/INFO .*\[transport\] connected/, 15_000);
    expect(a.logs).toContain('monitor:***@127.0.0.1');
    expect(a.logs + dashboard.logs).not.toContain('url-password-42');
  }, 30_000);
});

describe('the built agent and a dashboard restart', () => {
  const started: Array<{ stop: () => Promise<unknown> }> = [];
  afterEach(async () => {
    for (const p of started.splice(0).reverse()) await p.stop();
  });

  it('reconnects to a new dashboard on the same port, and its reports arrive there', async () => {
    const first = await DashboardProcess.start({ servers: SERVERS });
    started.push(first);
    const a = AgentProcess.start([...ON_FIXTURE, '--server', first.url(REPORT_PATH), '--id', 'this-host', '--interval', '1'], {
      SSS_AGENT_SECRET: SECRET,
    });
    started.push(a);
    await a.waitForLog(/INFO .*\[transport\] connected/, 15_000);

    expect(await first.stop()).toMatchObject({ code: 0 });
    await a.waitForLog(/WARN .*\[transport\] disconnected code=1001/, 10_000);
    const second = await DashboardProcess.start({ servers: SERVERS, config: { port: first.port } });
    started.push(second);
    const frontend = await new FrontendClient(second.url(FRONTEND_PATH)).open();
    try {
      expect(await frontend.waitFor((m) => m.serverId === 'this-host', 30_000)).toMatchObject({ online: true, serverName: 'fixture-host' });
    } finally {
      frontend.close();
    }
    await a.waitForLog(/\[transport\] connected[\s\S]*\[transport\] connected/, 10_000); // once per dashboard
  }, 60_000);
});

describe('the built agent process', () => {
  it.each(['SIGTERM', 'SIGINT'] as const)(
    'closes with 1001 and exits 0 on %s',
    async (signal) => {
      const server = await TestWsServer.start();
      const a = AgentProcess.start([...ON_FIXTURE, '--server', server.url(), '--id', 'web-1', '--secret', 's']);
      try {
        const conn = await server.withMessages(0, 1, 15_000);
        expect(conn.headers).toMatchObject({ 'x-auth-secret': 's', 'x-server-id': 'web-1' });
        expect(await a.stop(signal)).toEqual({ code: 0, signal: null });
        expect(await conn.closed).toEqual({ code: 1001, reason: 'agent shutting down' });
      } finally {
        await a.stop('SIGKILL');
        await server.close();
      }
    },
    30_000,
  );

  it('stops with exit code 2 and the key on a bad config', async () => {
    const a = AgentProcess.start(['--server', 'ws://127.0.0.1:1', '--id', 'bad id!', '--secret', 'never-printed']);
    expect((await a.exited).code).toBe(2);
    expect(a.logs).toMatch(/ERROR \[agent\] config: id: must match/);
    expect(a.logs).not.toContain('never-printed');
  }, 20_000);

  it('prints the whole YAML error, with the line, and suggests the key meant', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'sss-agent-yaml-'));
    writeFileSync(join(dir, 'broken.yaml'), 'server: ws://127.0.0.1:1\nid: web-1\nsecret: "never-printed\n');
    writeFileSync(join(dir, 'typo.yaml'), 'server: ws://127.0.0.1:1\nid: web-1\nsecret: s\ninterval: 5\n');
    const broken = AgentProcess.start(['--config', join(dir, 'broken.yaml')]);
    const typo = AgentProcess.start(['--config', join(dir, 'typo.yaml')]);
    expect([(await broken.exited).code, (await typo.exited).code]).toEqual([2, 2]);
    expect(broken.logs).toMatch(
      /ERROR \[agent\] config: .*broken\.yaml: not valid YAML: Missing closing "quote at line 4, column 1, after line 3: "secret: \\"never-printed"\n$/,
    );
    expect(typo.logs).toMatch(/ERROR \[agent\] config: interval: unknown key, did you mean intervalSeconds\?\n$/);
  }, 20_000);

  it('answers --version and --help from any directory, without reading the config or showing a secret', async () => {
    const elsewhere = mkdtempSync(join(tmpdir(), 'sss-agent-cwd-'));
    const version = AgentProcess.start(['--version'], {}, elsewhere);
    const help = AgentProcess.start(['--help', '--secret', 'never-printed'], { SSS_AGENT_SECRET: 'never-printed-either' }, elsewhere);
    expect([await version.exited, await help.exited]).toEqual([
      { code: 0, signal: null },
      { code: 0, signal: null },
    ]);
    expect(version.logs).toBe(`sss-agent ${VERSION}\n`);
    expect(help.logs).toMatch(/^Usage: sss-agent \[flags\]\n/);
    expect(help.logs).toContain('--secret-file PATH');
    expect(help.logs).toMatch(new RegExp(`\\n\\nsss-agent ${VERSION.replace(/\./g, '\\.')}\\n$`));
    expect(help.logs).not.toMatch(/never-printed/);
  }, 20_000);
});
