import { CloseCode, CloseReason, exampleServerInfo, FRONTEND_PATH, REPORT_PATH, type ServerUpdate } from '@sss/contracts';
import type WebSocket from 'ws';
import { DashboardProcess } from '../support/dashboard-process';
import { agentSocket, closed, FrontendClient, opened, textOf } from '../support/ws-clients';

/** RFC 6455 "invalid frame payload data": PROTOCOL.md's close code for a text frame that is not UTF-8. */
const INVALID_PAYLOAD = 1007;

const SERVERS = [
  { id: 'web-1', secret: 'secret-one', name: 'Configured Name', group: 'production' },
  { id: 'db-1', secret: 'secret-two' },
  // One id per invalid-input case: warnings are rate-limited per server.
  ...[0, 1, 2, 3, 4].map((i) => ({ id: `case-${i}`, secret: 'case-secret' })),
  { id: 'flood', secret: 'flood-secret' },
  { id: 'utf8', secret: 'utf8-secret' },
  { id: 'extras', secret: 'extras-secret' },
  { id: 'quiet', secret: 'quiet-secret' },
];
const secretOf = (id: string) => SERVERS.find((s) => s.id === id)!.secret;

describe('/ws-report against a real dashboard', () => {
  let dashboard: DashboardProcess;
  /** Every secret any connection of this run sent: none may appear in the dashboard's log. */
  const secretsUsed = new Set(SERVERS.map((s) => s.secret));
  const report = (id: string, extra: object = {}) => JSON.stringify(exampleServerInfo({ serverId: id, ...extra }));
  const agent = (id?: string, secret?: string) => {
    if (secret !== undefined) secretsUsed.add(secret);
    return agentSocket(dashboard.url(REPORT_PATH), id, secret);
  };
  const frontend = () => new FrontendClient(dashboard.url(FRONTEND_PATH)).open();
  const stored = async (id: string) => (await dashboard.servers()).find((s) => s.serverId === id);
  const withLocation = (location: string) => (m: ServerUpdate) => m.location === location;

  async function connected(id = 'db-1', secret = secretOf(id)): Promise<WebSocket> {
    const ws = agent(id, secret);
    await opened(ws);
    return ws;
  }

  /**
   * Reports for `id` on a connection of its own and waits until `f` and GET
   * /api/servers both hold it. Whatever the dashboard did with frames it got
   * earlier is then done: "nothing stored" cannot be "not stored yet".
   */
  async function acceptedReport(id: string, f: FrontendClient, location: string): Promise<void> {
    const ws = await connected(id);
    ws.send(report(id, { location }));
    await f.waitFor((m) => m.serverId === id && m.location === location);
    expect(await stored(id)).toMatchObject({ serverId: id, location });
    ws.close();
    await closed(ws);
  }

  async function expectNowhere(f: FrontendClient, found: (m: ServerUpdate) => boolean): Promise<void> {
    expect(f.messages.filter(found)).toEqual([]);
    expect((await dashboard.servers()).filter(found)).toEqual([]);
  }

  let barriers = 0;
  /** Resolves once every line the dashboard wrote before the call has reached us: it writes one more and waits for it. */
  async function logsFlushed(): Promise<void> {
    const id = `log-barrier-${++barriers}`;
    await closed(agent(id, undefined));
    await dashboard.waitForLog(new RegExp(`authentication failed.*claimedId="${id}"`));
  }

  beforeAll(async () => {
    dashboard = await DashboardProcess.start({ servers: SERVERS, config: { maxMessageBytes: 4096 } });
  });
  afterAll(async () => {
    await dashboard.stop();
  });

  it('delivers an authenticated report to every frontend, with config names winning', async () => {
    const [a, b] = await Promise.all([frontend(), frontend()]);
    const ws = agent('web-1', 'secret-one');
    await opened(ws);
    ws.send(report('web-1', { cpu: { percent: 12.5, cores: 4, modelName: 'm' }, group: 'agent-group', countryCode: 'DE' }));
    for (const f of [a, b]) {
      const got = await f.waitFor((m) => m.serverId === 'web-1' && m.cpu.percent === 12.5);
      expect(got).toMatchObject({ serverName: 'Configured Name', group: 'production', countryCode: 'DE', online: true });
      expect(got.lastSeen).toBeGreaterThan(Date.now() - 10_000);
    }
    ws.close();
    a.close();
    b.close();
  });

  it('drops unknown fields, top-level and nested, before a frontend or GET /api/servers sees the report', async () => {
    const f = await frontend();
    const ws = await connected('extras');
    const info = exampleServerInfo({ serverId: 'extras', location: 'with extras' });
    ws.send(
      JSON.stringify({
        ...info,
        futureField: 'x',
        futureObject: { a: 1 },
        cpu: { ...info.cpu, futureCpuField: 3 },
        disk: info.disk.map((d) => ({ ...d, futureDiskField: 'ext4' })),
        system: { ...info.system, futureSystemField: true },
      }),
    );
    const got = await f.waitFor((m) => m.serverId === 'extras');
    const { online, lastSeen, ...relayed } = got;
    expect(relayed).toStrictEqual(info);
    expect({ online, lastSeen: typeof lastSeen }).toEqual({ online: true, lastSeen: 'number' });
    expect(await stored('extras')).toStrictEqual(got);
    ws.close();
    f.close();
  });

  it.each([
    ['a wrong secret', 'web-1', 'wrong-secret-value'],
    ['a missing secret', 'web-1', undefined],
    ['a missing id', undefined, 'secret-one'],
    ['an unknown id', 'nobody', 'secret-one'],
    ["another server's secret", 'web-1', 'secret-two'],
  ])('closes with 1008 on %s, and stores nothing', async (name, id, secret) => {
    const f = await frontend();
    const ws = agent(id, secret);
    const intruder = `intruder: ${name}`;
    ws.on('open', () => ws.send(report(id ?? 'web-1', { location: intruder })));
    // The client answers the close after its report, so once it is closed the dashboard has read that report.
    expect(await closed(ws)).toEqual({ code: CloseCode.POLICY_VIOLATION, reason: CloseReason.AUTH_FAILED });
    await acceptedReport('web-1', f, `after ${name}`);
    await expectNowhere(f, (m) => m.location === intruder || m.serverId === 'nobody');
    f.close();
  });

  it("logs an auth failure with the address and the claimed id, this attempt's own line", async () => {
    const failures = /^.*agent authentication failed.*claimedId="web-1".*$/gm;
    await logsFlushed(); // the earlier cases' lines are in
    const before = dashboard.countLog(failures);
    const ws = agent('web-1', 'leaky-secret-value');
    expect((await closed(ws)).code).toBe(CloseCode.POLICY_VIOLATION);
    await dashboard.waitForLogCount(failures, before + 1);
    const line = dashboard.logs.match(failures)![before];
    expect(line).toContain('127.0.0.1');
    expect(line).not.toContain('leaky-secret-value');
  });

  describe('bad input', () => {
    it('closes with 1003 on a binary frame', async () => {
      const ws = await connected();
      ws.send(Buffer.from(report('db-1')), { binary: true });
      expect(await closed(ws)).toEqual({ code: CloseCode.UNSUPPORTED_DATA, reason: CloseReason.BINARY });
    });

    it('closes with 1007 on a text frame that is not valid UTF-8, stores nothing, and takes valid UTF-8 as sent', async () => {
      const f = await frontend();
      const ws = await connected('utf8');
      // 0xC3 starts a two-byte sequence; 0x28 "(" cannot continue it.
      const [head, tail] = report('utf8', { location: 'not-utf8-@' }).split('@');
      ws.send(Buffer.concat([Buffer.from(head), Buffer.from([0xc3, 0x28]), Buffer.from(tail)]), { binary: false });
      expect((await closed(ws)).code).toBe(INVALID_PAYLOAD);
      await acceptedReport('utf8', f, 'Zürich, 北京 🖥');
      await expectNowhere(f, (m) => (m.location ?? '').startsWith('not-utf8'));
      f.close();
    });

    it('closes with 1009 on a frame over maxMessageBytes, and the next connection works', async () => {
      const f = await frontend();
      const ws = await connected();
      ws.send(report('db-1', { location: 'x'.repeat(5000) }));
      expect((await closed(ws)).code).toBe(CloseCode.MESSAGE_TOO_BIG);
      await dashboard.waitForLog(/socket error path="\/ws-report" error="Max payload size exceeded/);
      const again = await connected();
      again.send(report('db-1', { ip: '10.9.9.9' }));
      await f.waitFor((m) => m.serverId === 'db-1' && m.ip === '10.9.9.9');
      again.close();
      f.close();
    });

    it.each([
      ['text that is not JSON', 0, () => 'hello {', /not JSON/],
      ['JSON that is not an object', 1, () => '[1,2,3]', /must be a JSON object/],
      [
        'a report failing validation',
        2,
        (id: string) => report(id, { cpu: { percent: 250, cores: 4, modelName: 'm' } }),
        /cpu\.percent: must not be greater than 100/,
      ],
      ['a report missing a field', 3, (id: string) => JSON.stringify({ ...JSON.parse(report(id)), memory: undefined }), /memory: /],
      [
        'a report with an optional 1.1 field out of bounds',
        4,
        (id: string) => report(id, { swap: { total: 1, used: 1, usedPercent: 100 }, agentVersion: 'v'.repeat(65) }),
        /agentVersion: must be shorter than or equal to 64 characters/,
      ],
    ])('drops %s, logs why, and keeps the connection', async (_, i, frame, logged) => {
      const id = `case-${i}`;
      const f = await frontend();
      const ws = await connected(id);
      ws.send(frame(id));
      await dashboard.waitForLog(new RegExp(`invalid report dropped serverId="${id}".*${logged.source}`));
      // Frames of one connection are handled in order: once this one is stored, the bad one was dealt with.
      ws.send(report(id, { location: 'still here' }));
      const good = await f.waitFor((m) => m.serverId === id && m.location === 'still here');
      expect(f.messages.filter((m) => m.serverId === id)).toEqual([good]); // the bad frame was never broadcast
      expect(await stored(id)).toEqual(good);
      expect(ws.readyState).toBe(ws.OPEN);
      ws.close();
      await closed(ws);
      f.close();
    });

    it('logs exactly one warning for a flood of bad frames', async () => {
      const warning = /invalid report dropped serverId="flood"/;
      const f = await frontend();
      const ws = await connected('flood');
      for (let i = 0; i < 50; i++) ws.send(`garbage ${i}`);
      ws.send(report('flood', { location: 'after flood' }));
      await f.waitFor(withLocation('after flood')); // every garbage frame before it has been handled
      await logsFlushed();
      expect(dashboard.countLog(warning)).toBe(1);
      ws.close();
      f.close();
    });

    it('closes with 1008 when the body serverId differs from X-SERVER-ID, storing nothing', async () => {
      const f = await frontend();
      const ws = await connected('web-1');
      ws.send(report('db-1', { location: 'spoofed' }));
      expect(await closed(ws)).toEqual({ code: CloseCode.POLICY_VIOLATION, reason: CloseReason.ID_MISMATCH });
      await acceptedReport('db-1', f, 'after the spoof');
      await acceptedReport('web-1', f, 'after the spoof');
      await expectNowhere(f, withLocation('spoofed'));
      f.close();
    });
  });

  it('replaces an older connection for the same id with 1000, ignoring the old one afterwards', async () => {
    const f = await frontend();
    const first = await connected('web-1');
    const firstClosed = closed(first);
    const second = await connected('web-1');
    expect(await firstClosed).toEqual({ code: CloseCode.NORMAL, reason: CloseReason.REPLACED });
    // The replaced socket is closed before this report is sent: its close must not have marked the server offline.
    second.send(report('web-1', { location: 'newer' }));
    const got = await f.waitFor(withLocation('newer'));
    expect(got.online).toBe(true);
    expect(await stored('web-1')).toMatchObject({ location: 'newer', online: true });
    expect(f.messages.slice(f.messages.indexOf(got)).filter((m) => m.serverId === 'web-1' && !m.online)).toEqual([]);
    second.close();
    f.close();
  });

  it('sends an agent no data message in a whole session: reports, bad frames, pings, replacement, refusal', async () => {
    const f = await frontend();
    const received: string[] = [];
    const recorded = async (secret = 'quiet-secret') => {
      const ws = agent('quiet', secret);
      ws.on('message', (data) => received.push(textOf(data)));
      await opened(ws);
      return ws;
    };
    const first = await recorded();
    first.send(report('quiet', { location: 'quiet 1' }));
    first.send('not JSON');
    first.send(report('quiet', { cpu: { percent: 250, cores: 1, modelName: 'm' } }));
    first.ping();
    first.send(report('quiet', { location: 'quiet 2' }));
    await f.waitFor(withLocation('quiet 2'));
    const firstClosed = closed(first);

    const second = await recorded();
    expect((await firstClosed).code).toBe(CloseCode.NORMAL);
    second.send(report('quiet', { location: 'quiet 3' }));
    await f.waitFor(withLocation('quiet 3'));
    second.send(Buffer.from('binary'), { binary: true });
    expect((await closed(second)).code).toBe(CloseCode.UNSUPPORTED_DATA);

    const refused = await recorded('not-the-quiet-secret');
    expect((await closed(refused)).code).toBe(CloseCode.POLICY_VIOLATION);
    // Each socket is closed: everything the dashboard sent before its close frame has arrived.
    expect(received).toEqual([]);
    f.close();
  });

  // Last, so that it reads the log of every case above.
  it('never logs a secret: no line of the whole run holds any secret a connection sent', async () => {
    await dashboard.stop(); // every line is written
    const leaks = dashboard.logs
      .split('\n')
      .flatMap((line) => [...secretsUsed].filter((secret) => line.includes(secret)).map((secret) => ({ secret, line })));
    expect([...secretsUsed]).toEqual(expect.arrayContaining(['secret-one', 'wrong-secret-value', 'leaky-secret-value']));
    expect(leaks).toEqual([]);
  });
});
