import { loadAgentConfig } from '../../apps/agent/src/config/load-agent-config';
import { loadConfig } from '../../apps/dashboard/src/platform/config/load-config';
import { readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { parse } from 'yaml';
import { ensureLocalConfig } from '../../scripts/local-config';
import { localConfigDir } from './support/start-process';

const EXAMPLE = readFileSync(join(__dirname, '../../config/dashboard.example.yaml'), 'utf8');
const EXAMPLE_SECRETS = (parse(EXAMPLE) as { servers: Array<{ secret: string }> }).servers.map((s) => s.secret);

describe("npm start's local config (scripts/local-config.js)", () => {
  const cleanups: Array<() => void> = [];
  const fresh = () => {
    const { dir, remove } = localConfigDir();
    cleanups.push(remove);
    return join(dir, 'local');
  };
  afterEach(() => cleanups.splice(0).forEach((cleanup) => cleanup()));

  it('holds only this host, under a random secret the local agent uses, readable by the owner alone', () => {
    const local = ensureLocalConfig(fresh());
    expect(local.created).toBe(true);

    const dashboardText = readFileSync(local.dashboard, 'utf8');
    for (const secret of EXAMPLE_SECRETS) expect(dashboardText).not.toContain(secret);
    // The dashboard's own validator takes it: one server, this host.
    const dashboard = loadConfig(local.dashboard, {});
    expect(dashboard.servers).toHaveLength(1);
    const [server] = dashboard.servers;
    expect(server.name).toBe(hostname());
    expect(server.secret).toMatch(/^[A-Za-z0-9_-]{32}$/); // 24 random bytes

    const agent = loadAgentConfig({ configPath: local.agent, values: {} }, {});
    expect({ id: agent.id, secret: agent.secret }).toEqual({ id: server.id, secret: server.secret });

    for (const file of [local.dashboard, local.agent]) expect(statSync(file).mode & 0o777).toBe(0o600);
  });

  it('draws a new secret for every new local config', () => {
    const secrets = [fresh(), fresh(), fresh()].map((dir) => loadConfig(ensureLocalConfig(dir).dashboard, {}).servers[0].secret);
    expect(new Set(secrets).size).toBe(3);
  });

  it('never overwrites existing files, and names an example secret left in them', () => {
    const dir = fresh();
    const first = ensureLocalConfig(dir);
    const edited = readFileSync(first.dashboard, 'utf8') + '  - { id: web-1, secret: change-me-web-1 }\n';
    writeFileSync(first.dashboard, edited);
    const agentText = readFileSync(first.agent, 'utf8');

    const again = ensureLocalConfig(dir);
    expect(again.created).toBe(false);
    expect(again.warning).toMatch(/web-1 report with the example's published secret/);
    expect(readFileSync(first.dashboard, 'utf8')).toBe(edited);
    expect(readFileSync(first.agent, 'utf8')).toBe(agentText);
  });

  it('writes nothing when one of the two files is there without the other, and names the missing one', () => {
    const dir = fresh();
    const first = ensureLocalConfig(dir);
    writeFileSync(first.dashboard, 'port: 8900\n'); // then the user deleted the agent's file
    rmSync(first.agent);

    const again = ensureLocalConfig(dir);
    expect(again).toMatchObject({ created: false, missing: first.agent });
    expect(readFileSync(first.dashboard, 'utf8')).toBe('port: 8900\n');
  });
});
