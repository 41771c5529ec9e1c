import {
  ADMIN_CONNECTIONS_PATH,
  ADMIN_GROUP_ORDER_PATH,
  ADMIN_PATHS,
  ADMIN_SERVERS_PATH,
  API_PATHS,
  AUTH_PATHS,
  CloseCode,
  exampleServerInfo,
  exampleServerInfoV11,
  FRONTEND_PATH,
  REPORT_PATH,
  SERVERS_API_PATH,
} from '@sss/contracts';
import { hash as argon2Hash, argon2id } from 'argon2';
import type WebSocket from 'ws';
import { DashboardProcess } from '../support/dashboard-process';
import { SessionClient } from '../support/session-client';
import { agentSocket, closed, FrontendClient, opened, until } from '../support/ws-clients';

const TEST_TIMEOUT_MS = 90_000;
const PASSWORD = 'configured password';

/** An agent that connected and sent one report, so the server is online. */
async function reportingAgent(dashboard: DashboardProcess, id: string, secret: string): Promise<WebSocket> {
  const ws = agentSocket(dashboard.url(REPORT_PATH), id, secret);
  await opened(ws);
  ws.send(JSON.stringify(exampleServerInfo({ serverId: id, serverName: id })));
  return ws;
}

/** `admin` sees hidden servers too. */
async function online(admin: SessionClient, id: string): Promise<void> {
  await until(
    () => admin.call('GET', `${SERVERS_API_PATH}/${id}`),
    (r) => r.json.online === true,
    `${id} online`,
  );
}

describe('server management (/api/admin/servers) against a real dashboard', () => {
  jest.setTimeout(TEST_TIMEOUT_MS);
  let dashboard: DashboardProcess;
  let root: SessionClient;

  let passwordHash: string;

  /** Starts the dashboard (in `dir`: again, over the same database) and logs its admin in. */
  async function start(dir?: string): Promise<void> {
    dashboard = await DashboardProcess.start({
      servers: [{ id: 'cfg-1', secret: 'config secret 1' }],
      config: { admin: { username: 'root', passwordHash } },
      dir,
    });
    root = new SessionClient(dashboard);
    expect((await root.call('POST', AUTH_PATHS.login, { username: 'root', password: PASSWORD })).status).toBe(200);
  }

  beforeAll(async () => {
    passwordHash = await argon2Hash(PASSWORD, { type: argon2id });
    await start();
  });
  afterAll(() => dashboard.stop());

  it('is for admins only', async () => {
    expect((await new SessionClient(dashboard).call('GET', ADMIN_SERVERS_PATH)).status).toBe(401);
    expect((await new SessionClient(dashboard).call('POST', ADMIN_SERVERS_PATH, { serverId: 'x' })).status).toBe(401);
  });

  it('adds a server live: the secret and install commands are shown once, its agent reports, no restart', async () => {
    const cfgAgent = await reportingAgent(dashboard, 'cfg-1', 'config secret 1');
    const added = await root.call('POST', ADMIN_SERVERS_PATH, { serverId: 'web-9', name: 'Web 9', tags: ['edge'], countryCode: 'DE' });
    expect(added.status).toBe(201);
    const secret = added.json.secret as string;
    expect(secret).toMatch(/^[\w-]{32}$/);
    expect(added.json.server).toMatchObject({
      serverId: 'web-9',
      source: 'stored',
      via: 'admin',
      name: 'Web 9',
      tags: ['edge'],
      hidden: false,
    });
    const install = added.json.install as { systemd: string; container: string };
    for (const command of [install.systemd, install.container]) {
      expect(command).toContain(secret);
      expect(command).toContain(`ws://127.0.0.1:${dashboard.port}${REPORT_PATH}`);
    }

    const listed = await root.call('GET', ADMIN_SERVERS_PATH);
    const servers = listed.json as unknown as Record<string, unknown>[];
    expect(servers.map((s) => [s.serverId, s.source])).toEqual([
      ['cfg-1', 'config'],
      ['web-9', 'stored'],
    ]);
    expect(JSON.stringify(listed.json)).not.toContain(secret);

    const agent = await reportingAgent(dashboard, 'web-9', secret);
    await online(root, 'web-9');
    agent.close();
    expect(cfgAgent.readyState).toBe(cfgAgent.OPEN);
    cfgAgent.close();
  });

  it('lists live connections: address, since, reports, version, the last refused frame; frontends; a renamed server reports under its new name', async () => {
    expect((await new SessionClient(dashboard).call('GET', ADMIN_CONNECTIONS_PATH)).status).toBe(401);
    const frontend = await new FrontendClient(dashboard.url(FRONTEND_PATH)).open();
    const added = await root.call('POST', ADMIN_SERVERS_PATH, { serverId: 'live-1' });
    const agent = agentSocket(dashboard.url(REPORT_PATH), 'live-1', added.json.secret as string);
    await opened(agent);
    agent.send(JSON.stringify(exampleServerInfoV11({ serverId: 'live-1', agentVersion: '9.9.9' })));
    agent.send(JSON.stringify({ ...exampleServerInfo({ serverId: 'live-1' }), cpu: { percent: 400, cores: 1, modelName: 'x' } }));
    const answer = await until(
      () => root.call('GET', ADMIN_CONNECTIONS_PATH),
      (r) => (r.json.agents as { lastError?: unknown }[] | undefined)?.some((a) => a.lastError) === true,
      'the refused frame listed',
    );
    expect(answer.json.frontends).toBe(1);
    const live = (answer.json.agents as Record<string, unknown>[]).find((a) => a.serverId === 'live-1');
    expect(live).toMatchObject({ remote: '127.0.0.1', reports: 1, agentVersion: '9.9.9' });
    expect((live!.lastError as { reason: string }).reason).toMatch(/percent/);
    expect(Math.abs(Date.now() - (live!.connectedAt as number))).toBeLessThan(60_000);

    await root.call('PATCH', `${ADMIN_SERVERS_PATH}/live-1`, { name: 'Renamed live' });
    agent.send(JSON.stringify(exampleServerInfo({ serverId: 'live-1', serverName: 'agent name' })));
    await frontend.waitFor((m) => m.serverId === 'live-1' && m.serverName === 'Renamed live');
    agent.close();
    frontend.close();
  });

  it('refuses taken and malformed ids and any change to a config-file server', async () => {
    expect((await root.call('POST', ADMIN_SERVERS_PATH, { serverId: 'web-9' })).status).toBe(409);
    expect((await root.call('POST', ADMIN_SERVERS_PATH, { serverId: 'cfg-1' })).status).toBe(409);
    const bad = await root.call('POST', ADMIN_SERVERS_PATH, {
      serverId: 'no spaces',
      traffic: { resetDay: 40, quotaBytes: 1, direction: 'sum' },
    });
    expect(bad.status).toBe(400);
    expect(bad.json.details).toEqual([
      'serverId must be 1 to 64 letters, digits, "_", "." or "-"',
      'traffic.resetDay must not be greater than 31',
    ]);
    expect((await root.call('PATCH', `${ADMIN_SERVERS_PATH}/cfg-1`, { name: 'x' })).status).toBe(409);
    expect((await root.call('POST', `${ADMIN_SERVERS_PATH}/cfg-1/secret`)).status).toBe(409);
    expect((await root.call('DELETE', `${ADMIN_SERVERS_PATH}/cfg-1?history=keep`)).status).toBe(409);
    expect((await root.call('PATCH', `${ADMIN_SERVERS_PATH}/nobody`, { name: 'x' })).status).toBe(404);
  });

  it('edits a stored server; null clears a field', async () => {
    const edited = await root.call('PATCH', `${ADMIN_SERVERS_PATH}/web-9`, { name: 'Web nine', countryCode: null, notes: 'rack 4' });
    expect(edited.status).toBe(200);
    expect(edited.json).toMatchObject({ serverId: 'web-9', name: 'Web nine', notes: 'rack 4', tags: ['edge'] });
    expect(edited.json).not.toHaveProperty('countryCode');
  });

  it('rotates a secret: the connected agent is closed with 1008, the old secret refused, the new one admitted', async () => {
    const first = await root.call('POST', ADMIN_SERVERS_PATH, { serverId: 'rot-1' });
    const cfgAgent = await reportingAgent(dashboard, 'cfg-1', 'config secret 1');
    const agent = await reportingAgent(dashboard, 'rot-1', first.json.secret as string);
    await online(root, 'rot-1');
    // Listening first: the agent may be closed before the answer arrives.
    const agentClosed = closed(agent);
    const rotated = await root.call('POST', `${ADMIN_SERVERS_PATH}/rot-1/secret`);
    expect(rotated.status).toBe(200);
    expect(await agentClosed).toEqual({ code: CloseCode.POLICY_VIOLATION, reason: 'credentials revoked' });
    const stale = agentSocket(dashboard.url(REPORT_PATH), 'rot-1', first.json.secret as string);
    expect((await closed(stale)).code).toBe(CloseCode.POLICY_VIOLATION);
    const fresh = await reportingAgent(dashboard, 'rot-1', rotated.json.secret as string);
    await online(root, 'rot-1');
    expect(cfgAgent.readyState).toBe(cfgAgent.OPEN);
    fresh.close();
    cfgAgent.close();
  });

  it('keeps board order by weight and sets it in one call', async () => {
    await root.call('POST', ADMIN_SERVERS_PATH, { serverId: 'ord-a', weight: 5 });
    await root.call('POST', ADMIN_SERVERS_PATH, { serverId: 'ord-b', weight: 5 });
    const ids = async () => ((await root.call('GET', ADMIN_SERVERS_PATH)).json as unknown as { serverId: string }[]).map((s) => s.serverId);
    expect(await ids()).toEqual(['cfg-1', 'live-1', 'rot-1', 'web-9', 'ord-a', 'ord-b']);
    const ordered = await root.call('POST', `${ADMIN_SERVERS_PATH}/order`, { serverIds: ['ord-b', 'web-9', 'ord-a', 'rot-1', 'live-1'] });
    expect(ordered.status).toBe(200);
    expect(await ids()).toEqual(['cfg-1', 'ord-b', 'web-9', 'ord-a', 'rot-1', 'live-1']);
    expect((await root.call('POST', `${ADMIN_SERVERS_PATH}/order`, { serverIds: ['cfg-1'] })).status).toBe(409);
  });

  it('keeps the board order of groups: replaced whole, refused when malformed, audit-logged, public without hidden-only names, kept across a restart', async () => {
    const publicOrder = async () => (await new SessionClient(dashboard).call('GET', API_PATHS.groupOrder)).json.groups;
    expect((await root.call('GET', ADMIN_GROUP_ORDER_PATH)).json).toEqual({ groups: [] });
    expect(await publicOrder()).toEqual([]);
    // A group that only a hidden server has: its name is left out for a client not signed in.
    await root.call('POST', ADMIN_SERVERS_PATH, { serverId: 'grp-hidden', group: 'secret-lab', hidden: true });
    await root.call('POST', ADMIN_SERVERS_PATH, { serverId: 'grp-web', group: 'web', weight: 20 });
    const set = await root.call('POST', ADMIN_GROUP_ORDER_PATH, { groups: ['web', 'secret-lab', 'db'] });
    expect(set.status).toBe(200);
    expect(set.json).toEqual({ groups: ['web', 'secret-lab', 'db'] });
    expect((await root.call('GET', ADMIN_GROUP_ORDER_PATH)).json).toEqual({ groups: ['web', 'secret-lab', 'db'] });
    expect((await root.call('GET', API_PATHS.groupOrder)).json).toEqual({ groups: ['web', 'secret-lab', 'db'] });
    expect(await publicOrder()).toEqual(['web', 'db']);
    // The catalog carries each server's weight, for the order inside a group.
    const catalog = (await root.call('GET', API_PATHS.catalog)).json as unknown as { serverId: string; weight: number }[];
    expect(catalog.find((s) => s.serverId === 'grp-web')?.weight).toBe(20);
    expect(catalog.find((s) => s.serverId === 'cfg-1')?.weight).toBe(0);

    for (const [body, details] of [
      [{ groups: ['web', 'web'] }, ['each group may be listed once']],
      [{ groups: [''] }, ['each group name must be 1 to 256 characters']],
      [{ groups: [7] }, ['each value in groups must be a string']],
      [{ groups: 'web' }, ['groups must be an array']],
      [{}, ['groups must be an array']],
    ] as const) {
      const refused = await root.call('POST', ADMIN_GROUP_ORDER_PATH, body);
      expect({ body, status: refused.status, details: refused.json.details }).toEqual({ body, status: 400, details });
    }
    expect((await root.call('GET', ADMIN_GROUP_ORDER_PATH)).json).toEqual({ groups: ['web', 'secret-lab', 'db'] });

    const audit = (await root.call('GET', `${ADMIN_PATHS.audit}?limit=10`)).json.entries as {
      actor: string;
      action: string;
      target: string;
    }[];
    expect(audit.filter((e) => e.action === 'group.order')).toEqual([
      expect.objectContaining({ actor: 'root', action: 'group.order', target: 'web,secret-lab,db' }),
    ]);

    await dashboard.stop();
    await start(dashboard.dir);
    expect((await root.call('GET', ADMIN_GROUP_ORDER_PATH)).json).toEqual({ groups: ['web', 'secret-lab', 'db'] });
    expect(await publicOrder()).toEqual(['web', 'db']);
    const cleared = await root.call('POST', ADMIN_GROUP_ORDER_PATH, { groups: [] });
    expect(cleared.json).toEqual({ groups: [] });
    for (const id of ['grp-hidden', 'grp-web']) await root.call('DELETE', `${ADMIN_SERVERS_PATH}/${id}?history=purge`);
  });

  it('keeps stored servers across a restart', async () => {
    const added = await root.call('POST', ADMIN_SERVERS_PATH, { serverId: 'keep-1', hidden: true });
    await dashboard.stop();
    await start(dashboard.dir);
    const agent = await reportingAgent(dashboard, 'keep-1', added.json.secret as string);
    await online(root, 'keep-1');
    agent.close();
    const listed = (await root.call('GET', ADMIN_SERVERS_PATH)).json as unknown as { serverId: string; hidden: boolean }[];
    expect(listed.find((s) => s.serverId === 'keep-1')).toMatchObject({ hidden: true });
  });

  it('deletes a server: its agent is closed with 1008; history kept or purged as chosen', async () => {
    const purged = await root.call('POST', ADMIN_SERVERS_PATH, { serverId: 'del-1' });
    const agent = await reportingAgent(dashboard, 'del-1', purged.json.secret as string);
    await online(root, 'del-1');
    const eventsOf = (id: string) => root.call('GET', API_PATHS.events.replace(':id', id));
    await until(
      () => eventsOf('del-1'),
      (r) => (r.json.events as unknown[] | undefined)?.length === 1,
      'del-1 online event stored',
    );

    expect((await root.call('DELETE', `${ADMIN_SERVERS_PATH}/del-1`)).status).toBe(400);
    const agentClosed = closed(agent);
    expect((await root.call('DELETE', `${ADMIN_SERVERS_PATH}/del-1?history=purge`)).status).toBe(204);
    expect(await agentClosed).toEqual({ code: CloseCode.POLICY_VIOLATION, reason: 'credentials revoked' });
    expect((await root.call('GET', `${SERVERS_API_PATH}/del-1`)).status).toBe(404);
    expect((await root.call('DELETE', `${ADMIN_SERVERS_PATH}/del-1?history=purge`)).status).toBe(404);

    // Registered again under the same id: the purged history does not come back.
    const again = await root.call('POST', ADMIN_SERVERS_PATH, { serverId: 'del-1' });
    expect(again.status).toBe(201);
    expect((await eventsOf('del-1')).json.events).toEqual([]);

    // Kept: the history is there again when the id is registered again.
    const kept = await root.call('POST', ADMIN_SERVERS_PATH, { serverId: 'del-2' });
    (await reportingAgent(dashboard, 'del-2', kept.json.secret as string)).close();
    await until(
      () => eventsOf('del-2'),
      (r) => (r.json.events as unknown[] | undefined)?.length === 2,
      'del-2 online and offline events stored',
    );
    expect((await root.call('DELETE', `${ADMIN_SERVERS_PATH}/del-2?history=keep`)).status).toBe(204);
    expect((await root.call('POST', ADMIN_SERVERS_PATH, { serverId: 'del-2' })).status).toBe(201);
    expect((await eventsOf('del-2')).json.events).toHaveLength(2);
  });

  it('writes every change to the audit log, and refuses a change from a foreign page', async () => {
    const audit = await root.call('GET', `${ADMIN_PATHS.audit}?limit=100`);
    const entries = audit.json.entries as { actor: string; action: string; target: string; detail: string | null }[];
    const seen = entries.filter((e) => e.action.startsWith('server.')).map((e) => `${e.action} ${e.target} ${e.detail ?? ''}`.trim());
    expect(seen).toEqual(expect.arrayContaining(['server.add web-9', 'server.rotate-secret rot-1', 'server.remove del-1 history purge']));
    expect(entries.every((e) => !e.action.startsWith('server.') || e.actor === 'root')).toBe(true);

    const res = await fetch(dashboard.url(ADMIN_SERVERS_PATH, 'http'), {
      method: 'POST',
      headers: { 'content-type': 'application/json', cookie: root.cookie, origin: 'https://evil.example' },
      body: JSON.stringify({ serverId: 'csrf-1' }),
    });
    expect(res.status).toBe(403);
    expect((await root.call('GET', ADMIN_SERVERS_PATH)).json).not.toContainEqual(expect.objectContaining({ serverId: 'csrf-1' }));
  });
});
