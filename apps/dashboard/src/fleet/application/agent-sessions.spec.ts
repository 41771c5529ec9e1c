import { CloseCode, CloseReason, exampleServerInfo } from '@sss/contracts';
import { Log } from '@sss/log';
import type { CatalogEntry, ServerCatalog } from '../../catalog';
import { ByteReportCache } from '../adapters/outbound/memory/byte-report.cache';
import { ServerRegistry } from '../domain/server-registry';
import { AgentSessions } from './agent-sessions';
import type { AgentLink } from './ports/agent-link.port';
import type { CachedReport } from './ports/report-cache.port';
import { ReportIntake } from './report-intake';

/** A link that remembers how the application closed it (the real socket path is proven in test/dashboard). */
class RecordingLink implements AgentLink {
  readonly closes: Array<{ code: number; reason: string }> = [];
  close(code: number, reason: string): void {
    this.closes.push({ code, reason });
  }
}

/** The catalog rule that matters here: the right secret for a known id, nothing else. */
const catalog: ServerCatalog = {
  authenticate: (id, secret): CatalogEntry | undefined => (id === 'web-1' && secret === 's3cret' ? { id } : undefined),
};

const IDLE_MS = 60_000;
const report = JSON.stringify(exampleServerInfo());

function setup() {
  let now = 1_000_000;
  const clock = { now: () => now };
  const registry = new ServerRegistry<CachedReport>(30_000, clock);
  const lines: string[] = [];
  const log = new Log('test', { sink: { write: (line) => lines.push(line) } });
  const sessions = new AgentSessions(catalog, new ReportIntake(registry, new ByteReportCache()), registry, clock, IDLE_MS, log);
  const online = () => registry.get('web-1')?.online;
  const connect = () => {
    const link = new RecordingLink();
    return { link, session: sessions.open(link, { serverId: 'web-1', secret: 's3cret', remote: '127.0.0.1' })! };
  };
  return { sessions, registry, lines, online, connect, advance: (ms: number) => (now += ms) };
}

describe('AgentSessions', () => {
  it('refuses a wrong secret or an unknown id with 1008, logging the claimed id and never the secret', () => {
    const { sessions, lines } = setup();
    for (const credentials of [
      { serverId: 'web-1', secret: 'wrong-secret' },
      { serverId: 'nobody', secret: 's3cret' },
      { serverId: undefined, secret: undefined },
    ]) {
      const link = new RecordingLink();
      expect(sessions.open(link, { ...credentials, remote: '10.0.0.9' })).toBeUndefined();
      expect(link.closes).toEqual([{ code: CloseCode.POLICY_VIOLATION, reason: CloseReason.AUTH_FAILED }]);
    }
    expect(lines.filter((l) => l.includes('agent authentication failed'))).toHaveLength(3);
    expect(lines.join('')).toContain('claimedId="nobody"');
    expect(lines.join('')).not.toMatch(/s3cret|wrong-secret/);
  });

  it('stores an accepted report; the disconnect of the current connection marks the server offline at once', () => {
    const { sessions, online, connect } = setup();
    const { session } = connect();
    sessions.received(session, report);
    expect(online()).toBe(true);
    sessions.closed(session, CloseCode.NORMAL);
    expect(online()).toBe(false);
  });

  it('replaces an older connection with 1000, ignoring its late frames and its close', () => {
    const { sessions, online, connect, registry } = setup();
    const first = connect();
    const second = connect();
    expect(first.link.closes).toEqual([{ code: CloseCode.NORMAL, reason: CloseReason.REPLACED }]);
    sessions.received(first.session, report);
    expect(registry.get('web-1')).toBeUndefined(); // the stale frame was not stored
    sessions.received(second.session, report);
    sessions.closed(first.session, CloseCode.NORMAL);
    expect(online()).toBe(true);
    expect(second.link.closes).toEqual([]);
  });

  it('drops invalid reports with one rate-limited warning, and closes with 1008 on another server id', () => {
    const { sessions, lines, connect, registry } = setup();
    const { session, link } = connect();
    for (let i = 0; i < 3; i++) sessions.received(session, '{"serverId":"web-1"}');
    expect(registry.get('web-1')).toBeUndefined();
    expect(lines.filter((l) => l.includes('invalid report dropped'))).toHaveLength(1);
    expect(link.closes).toEqual([]);
    sessions.received(session, JSON.stringify(exampleServerInfo({ serverId: 'db-1' })));
    expect(link.closes).toEqual([{ code: CloseCode.POLICY_VIOLATION, reason: CloseReason.ID_MISMATCH }]);
  });

  it('closes a binary frame with 1003', () => {
    const { sessions, connect } = setup();
    const { session, link } = connect();
    sessions.receivedBinary(session);
    expect(link.closes).toEqual([{ code: CloseCode.UNSUPPORTED_DATA, reason: CloseReason.BINARY }]);
  });

  it('closes a connection silent past the idle timeout once; a ping or a frame counts as activity', () => {
    const { sessions, connect, advance } = setup();
    const { session, link } = connect();
    advance(IDLE_MS);
    sessions.pinged(session);
    advance(IDLE_MS);
    sessions.closeIdle();
    expect(link.closes).toEqual([]); // exactly the timeout since the ping: not yet
    advance(1);
    sessions.closeIdle();
    sessions.closeIdle();
    expect(link.closes).toEqual([{ code: CloseCode.NORMAL, reason: CloseReason.IDLE }]);
  });

  it('on shutdown takes servers offline for the restart, not for their agents closing', () => {
    const { sessions, registry, connect } = setup();
    const causes: string[] = [];
    registry.transitions$.subscribe((t) => causes.push(t.cause));
    const { session } = connect();
    sessions.received(session, report);
    sessions.detachAll();
    sessions.closed(session, CloseCode.GOING_AWAY);
    expect(causes).toEqual(['report', 'dashboard-restart']);
  });
});
