import { parseServerInfo, type ServerInfo } from '@sss/contracts';
import { Log } from '@sss/log';
import { fakeTheAgentTimers } from '../../../test/agent/support/fake-timers';
import { HostRootFixture } from '../../../test/agent/support/host-root-fixture';
import { LogLines } from '../../../test/agent/support/log-lines';
import { TestWsServer } from '../../../test/agent/support/test-ws-server';
import { Agent } from './agent';
import { Collector } from './collector/collector';
import { DEFAULT_EXCLUDE_INTERFACES } from './collector/exclusion-rules';
import { ProcfsReader } from './collector/procfs-reader';
import { AgentCredentials } from './transport/agent-credentials';
import { Backoff } from './transport/backoff';
import { ReportClient } from './transport/report-client';

const INTERVAL_MS = 5_000;

/** A Collector that counts its samples; while `held`, samples wait until the test releases them. */
class ObservedCollector extends Collector {
  held = false;
  started = 0;
  running = 0;
  maxRunning = 0;
  private gates: Array<() => void> = [];

  override async sample(): Promise<ServerInfo> {
    this.started++;
    this.running++;
    this.maxRunning = Math.max(this.maxRunning, this.running);
    if (this.held) await new Promise<void>((open) => this.gates.push(open));
    try {
      return await super.sample();
    } finally {
      this.running--;
    }
  }

  /** Lets every waiting sample finish. */
  release(): void {
    for (const open of this.gates.splice(0)) open();
  }
}

// The agent's interval and the client's timers run on jest's clock (fakeTheAgentTimers): each test moves
// time itself and waits for what the real ws server receives, so a loaded machine cannot change the outcome.
describe('Agent', () => {
  let server: TestWsServer;
  let agent: Agent | undefined;
  let logs: LogLines;
  const host = new HostRootFixture();
  const identity = { serverId: 'host-1', serverName: 'Host 1' };

  function collectorOptions() {
    return {
      diskRefreshMs: 60_000,
      gpuRefreshMs: 15_000,
      excludeInterfaces: DEFAULT_EXCLUDE_INTERFACES,
      log: new Log('collector', { sink: logs }),
    };
  }

  function startAgent(collector: Collector): Agent {
    const client = new ReportClient({
      url: server.url(),
      serverId: 'host-1',
      credentials: new AgentCredentials({ secret: 's' }, new Log('credentials', { sink: logs })),
      log: new Log('transport', { sink: logs }),
      env: {},
      backoff: new Backoff({ initialMs: 50, factor: 1, maxMs: 50 }, 0),
    });
    agent = new Agent(collector, client, INTERVAL_MS, new Log('agent', { sink: logs }));
    agent.start();
    return agent;
  }

  beforeEach(async () => {
    logs = new LogLines();
    server = await TestWsServer.start();
    fakeTheAgentTimers();
  });
  afterEach(async () => {
    await agent?.stop();
    agent = undefined;
    await server.close();
    jest.useRealTimers();
  });

  it('samples at start, then exactly once per interval, and sends each report', async () => {
    const collector = new ObservedCollector(new ProcfsReader({ hostRoot: host.root }), identity, collectorOptions());
    startAgent(collector);
    const conn = await server.withMessages(0, 1);
    for (let n = 2; n <= 5; n++) {
      jest.advanceTimersByTime(INTERVAL_MS - 1);
      expect(collector.started).toBe(n - 1); // a sample starts synchronously when it is due: not yet
      jest.advanceTimersByTime(1);
      expect(collector.started).toBe(n);
      await server.withMessages(0, n);
    }
    // Messages arrive in the order they were sent: a doubled sample would have shown up before the last one.
    expect(conn.messages).toHaveLength(5);
    expect(logs.matching(/WARN|ERROR/)).toEqual([]); // no sample skipped or failed
    for (const m of conn.messages) expect(parseServerInfo(m)).toMatchObject({ ok: true, value: { serverId: 'host-1' } });
  });

  it('sends the latest report as soon as it reconnects, not an interval later', async () => {
    startAgent(new Collector(new ProcfsReader({ hostRoot: host.root }), identity, collectorOptions()));
    const first = await server.withMessages(0, 1);
    first.ws.terminate();
    await logs.waitFor(/disconnected code=1006 retryInSeconds=0.1/);
    jest.advanceTimersByTime(50); // the reconnect delay, far less than the interval
    const second = await server.withMessages(1, 1);
    expect(second.messages[0]).toBe(first.messages[0]);
  });

  it('never runs two samples at once: one still running when the next is due makes that one skip', async () => {
    const collector = new ObservedCollector(new ProcfsReader({ hostRoot: host.root }), identity, collectorOptions());
    collector.held = true;
    startAgent(collector);
    expect(collector.started).toBe(1);
    jest.advanceTimersByTime(3 * INTERVAL_MS); // three ticks while the first sample runs
    expect(collector.started).toBe(1);
    await logs.waitFor(/WARN .*previous sample still running; skipping one/);
    collector.release();
    await server.withMessages(0, 1);
    jest.advanceTimersByTime(INTERVAL_MS);
    expect(collector.started).toBe(2);
    collector.release();
    await server.withMessages(0, 2);
    expect(collector.maxRunning).toBe(1);
    expect(logs.matching(/skipping one/)).toHaveLength(1); // rate limited: one line for the three skips
  });
});
