import { parseServerInfo, type ServerInfo } from '@sss/contracts';
import { Log } from '@sss/log';
import { LogLines, TestWsServer } from '../../../test/agent/support/test-ws-server';
import { Agent } from './agent';
import { Collector } from './collector/collector';
import { DEFAULT_EXCLUDE_INTERFACES } from './collector/exclusion-rules';
import { ProcfsReader } from './collector/procfs-reader';
import { Backoff } from './transport/backoff';
import { ReportClient } from './transport/report-client';

describe('Agent', () => {
  let server: TestWsServer;
  let agent: Agent | undefined;
  const log = new Log('agent', { sink: new LogLines() });
  const reader = new ProcfsReader({ hostRoot: '/', cgroupRoot: '/sys/fs/cgroup' });
  const collectorOptions = { diskRefreshMs: 60_000, excludeInterfaces: DEFAULT_EXCLUDE_INTERFACES, log };

  function startAgent(collector: Collector, intervalMs: number): Agent {
    const client = new ReportClient({
      url: server.url(),
      serverId: 'host-1',
      secret: 's',
      log,
      env: {},
      backoff: new Backoff({ initialMs: 50, factor: 1, maxMs: 50 }, 0),
    });
    agent = new Agent(collector, client, intervalMs, log);
    agent.start();
    return agent;
  }

  beforeEach(async () => {
    server = await TestWsServer.start();
  });
  afterEach(async () => {
    await agent?.stop();
    await server.close();
  });

  it('reports this host right after connecting, then once per interval', async () => {
    startAgent(new Collector(reader, { serverId: 'host-1', serverName: 'Host 1' }, collectorOptions), 250);
    const conn = await server.withMessages(0, 5, 5_000);
    const arrivals: number[] = [];
    conn.ws.on('message', () => arrivals.push(Date.now()));
    await server.withMessages(0, 9, 5_000);
    const reports = conn.messages.map((m) => JSON.parse(m) as ServerInfo);
    for (const r of reports) expect(parseServerInfo(JSON.stringify(r)).ok).toBe(true);
    expect(reports[0].serverId).toBe('host-1');
    // Evenly spaced: a sample is not dropped or doubled (timers may slip on a busy machine).
    const gaps = arrivals.slice(1).map((t, i) => t - arrivals[i]);
    for (const gap of gaps) {
      expect(gap).toBeGreaterThan(150);
      expect(gap).toBeLessThan(450);
    }
  });

  it('sends the first report promptly after (re)connecting, not an interval later', async () => {
    startAgent(new Collector(reader, { serverId: 'host-1', serverName: 'Host 1' }, collectorOptions), 2_000);
    const first = await server.withMessages(0, 1, 1_500);
    first.ws.terminate();
    const second = await server.withMessages(1, 1, 1_500);
    expect(Date.now() - second.at).toBeLessThan(500);
  });

  it('never runs two samples at once: a slow one makes the next ones skip', async () => {
    let running = 0;
    let maxRunning = 0;
    let samples = 0;
    class SlowCollector extends Collector {
      override async sample(): Promise<ServerInfo> {
        running++;
        maxRunning = Math.max(maxRunning, running);
        await new Promise((r) => setTimeout(r, 250));
        samples++;
        running--;
        return super.sample();
      }
    }
    startAgent(new SlowCollector(reader, { serverId: 'host-1', serverName: 'Host 1' }, collectorOptions), 50);
    await new Promise((r) => setTimeout(r, 900));
    expect(maxRunning).toBe(1);
    expect(samples).toBeGreaterThanOrEqual(2);
    expect(samples).toBeLessThanOrEqual(4);
  });
});
