import { exampleServerInfo, FRONTEND_PATH, REPORT_PATH } from '@sss/contracts';
import { AgentProcess } from '../agent/support/agent-process';
import { HostRootFixture } from '../agent/support/host-root-fixture';
import { DashboardProcess } from '../support/dashboard-process';
import { parseExposition, valueOf, type MetricFamily } from '../support/prometheus-text';
import { agentSocket, closed, FrontendClient, opened } from '../support/ws-clients';

const TOKEN = 'e2e-scrape-token';
const SERVERS = [
  { id: 'this-host', secret: 'agent-secret-1', group: 'e2e', traffic: { quotaBytes: '1TB' } },
  { id: 'lab-1', secret: 'agent-secret-2' },
];

/** GET /metrics with `token` as bearer (none when null). */
function scrape(dashboard: DashboardProcess, token: string | null = TOKEN): Promise<Response> {
  return fetch(dashboard.url('/metrics', 'http'), { headers: token === null ? {} : { authorization: `Bearer ${token}` } });
}

async function families(dashboard: DashboardProcess): Promise<Map<string, MetricFamily>> {
  const res = await scrape(dashboard);
  expect(res.status).toBe(200);
  expect(res.headers.get('content-type')).toMatch(/^text\/plain;.*\bversion=0\.0\.4\b/);
  return parseExposition(await res.text());
}

/** Scrapes until `check` passes (or the deadline ends with its last failure). */
async function eventually(dashboard: DashboardProcess, check: (f: Map<string, MetricFamily>) => void, timeoutMs = 15_000) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      return check(await families(dashboard));
    } catch (err) {
      if (Date.now() > deadline) throw err;
      await new Promise((r) => setTimeout(r, 200));
    }
  }
}

const serverIds = (f: Map<string, MetricFamily>, name: string) => (f.get(name)?.samples ?? []).map((s) => s.labels.server_id).sort();

describe('/metrics scraped from a real dashboard with real agents', () => {
  let dashboard: DashboardProcess;
  let agent: AgentProcess;
  const host = new HostRootFixture();

  beforeAll(async () => {
    dashboard = await DashboardProcess.start({
      servers: SERVERS,
      config: { offlineAfterSeconds: 3, metrics: { mode: 'token', token: TOKEN } },
    });
    agent = AgentProcess.start(['--host-root', host.root, '--server', dashboard.url(REPORT_PATH), '--id', 'this-host', '--interval', '1'], {
      SSS_AGENT_SECRET: SERVERS[0].secret,
    });
  }, 30_000);
  afterAll(async () => {
    await agent.stop();
    await dashboard.stop();
  });

  it('answers 401 without the bearer token or with another one, saying which scheme it wants', async () => {
    for (const token of [null, 'wrong-token', `${TOKEN}x`, TOKEN.slice(0, -1)]) {
      const res = await scrape(dashboard, token);
      expect(res.status).toBe(401);
      expect(res.headers.get('www-authenticate')).toBe('Bearer realm="metrics"');
    }
  });

  it("exports the dashboard's own figures and each reporting server's, with server_id and group labels", async () => {
    const frontend = await new FrontendClient(dashboard.url(FRONTEND_PATH)).open();
    const refused = agentSocket(dashboard.url(REPORT_PATH), 'lab-1', 'not-its-secret');
    await closed(refused);
    await frontend.waitFor((m) => m.serverId === 'this-host', 15_000);
    await eventually(dashboard, (f) => {
      // The dashboard itself.
      expect(valueOf(f, 'sss_agent_connections')).toBe(1);
      expect(valueOf(f, 'sss_frontend_connections')).toBe(1);
      expect(valueOf(f, 'sss_reports_accepted_total')).toBeGreaterThanOrEqual(1);
      expect(valueOf(f, 'sss_reports_rejected_total', { reason: 'authentication' })).toBe(1);
      expect(valueOf(f, 'sss_reports_rejected_total', { reason: 'too-big' })).toBe(0);
      expect(valueOf(f, 'sss_broadcast_duration_seconds_count')).toBeGreaterThanOrEqual(1);
      expect(valueOf(f, 'sss_storage_write_errors_total')).toBe(0);
      expect(valueOf(f, 'sss_storage_write_queue_depth')).toBeGreaterThanOrEqual(0);
      expect(valueOf(f, 'sss_dashboard_info', { storage_engine: 'sqlite' })).toBe(1);
      expect(valueOf(f, 'nodejs_eventloop_lag_seconds')).toBeGreaterThanOrEqual(0);
      // The reporting server, from the fixture host the agent reads.
      const server = { server_id: 'this-host', group: 'e2e' };
      expect(valueOf(f, 'sss_server_up', server)).toBe(1);
      expect(valueOf(f, 'sss_server_info', { ...server, hostname: 'fixture-host', server_name: 'fixture-host' })).toBe(1);
      expect(valueOf(f, 'sss_server_last_report_age_seconds', server)).toBeLessThan(3);
      expect(valueOf(f, 'sss_server_memory_total_bytes', server)).toBe(16_000_000 * 1024);
      expect(valueOf(f, 'sss_server_memory_available_bytes', server)).toBe(6_000_000 * 1024);
      expect(valueOf(f, 'sss_server_cpu_cores', server)).toBe(2);
      const ratio = valueOf(f, 'sss_server_cpu_usage_ratio', server);
      expect(ratio >= 0 && ratio <= 1).toBe(true);
      expect(valueOf(f, 'sss_server_filesystem_size_bytes', { ...server, mountpoint: '/mnt/my disk' })).toBeGreaterThan(0);
      expect(valueOf(f, 'sss_server_filesystem_free_bytes', { ...server, mountpoint: '/' })).toBeGreaterThan(0);
      expect(valueOf(f, 'sss_server_network_receive_bytes_total', server)).toBeGreaterThanOrEqual(0);
      expect(valueOf(f, 'sss_server_network_transmit_bytes_per_second', server)).toBeGreaterThanOrEqual(0);
      expect(f.get('sss_server_network_receive_bytes_total')?.type).toBe('counter');
      expect(f.get('sss_server_up')?.type).toBe('gauge');
      // Its traffic this billing period (the first report counts nothing yet) and its quota.
      for (const direction of ['sent', 'recv', 'used']) {
        expect(valueOf(f, 'sss_server_traffic_period_bytes', { ...server, direction })).toBeGreaterThanOrEqual(0);
      }
      expect(valueOf(f, 'sss_server_traffic_quota_bytes', server)).toBe(1e12);
    });
    frontend.close();
  }, 40_000);

  it('shows a disconnected server as down, then stops exporting it past the offline threshold, for good', async () => {
    const lab = agentSocket(dashboard.url(REPORT_PATH), 'lab-1', 'agent-secret-2');
    await opened(lab);
    lab.send(JSON.stringify(exampleServerInfo({ serverId: 'lab-1', group: 'lab' })));
    await eventually(dashboard, (f) => expect(valueOf(f, 'sss_server_up', { server_id: 'lab-1', group: 'lab' })).toBe(1));
    lab.close();
    await closed(lab);
    await eventually(dashboard, (f) => expect(valueOf(f, 'sss_server_up', { server_id: 'lab-1' })).toBe(0));
    await eventually(dashboard, (f) => {
      expect(serverIds(f, 'sss_server_up')).toEqual(['this-host']);
      expect(serverIds(f, 'sss_server_info')).toEqual(['this-host']);
    });
    // Scrapes later still leave it out: nothing of it is replayed.
    await new Promise((r) => setTimeout(r, 1_000));
    expect(serverIds(await families(dashboard), 'sss_server_memory_total_bytes')).toEqual(['this-host']);
  }, 40_000);
});

describe('/metrics by metrics.mode', () => {
  it('public: anyone may scrape', async () => {
    const dashboard = await DashboardProcess.start({ servers: [], config: { metrics: { mode: 'public' } } });
    try {
      const res = await scrape(dashboard, null);
      expect(res.status).toBe(200);
      expect(parseExposition(await res.text()).has('sss_agent_connections')).toBe(true);
    } finally {
      await dashboard.stop();
    }
  });

  it('off: there is no /metrics', async () => {
    const dashboard = await DashboardProcess.start({ servers: [], config: { metrics: { mode: 'off' } } });
    try {
      expect((await scrape(dashboard)).status).toBe(404);
    } finally {
      await dashboard.stop();
    }
  });

  it('token (the default) without a metrics token configured: a scrape without an API token gets 401, and the log says why at start', async () => {
    const dashboard = await DashboardProcess.start({ servers: [] });
    try {
      expect((await scrape(dashboard)).status).toBe(401);
      expect(dashboard.logs).toMatch(/metrics\.mode is token but no metrics token is set: \/metrics takes API tokens only/);
    } finally {
      await dashboard.stop();
    }
  });

  it('takes the token from SSS_METRICS_TOKEN', async () => {
    const dashboard = await DashboardProcess.start({ servers: [], env: { SSS_METRICS_TOKEN: TOKEN } });
    try {
      expect((await scrape(dashboard)).status).toBe(200);
      expect((await scrape(dashboard, 'other')).status).toBe(401);
    } finally {
      await dashboard.stop();
    }
  });
});
