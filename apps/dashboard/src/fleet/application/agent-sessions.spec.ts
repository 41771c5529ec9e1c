import { CloseCode, CloseReason, exampleServerInfo } from '@sss/contracts';
import { Log } from '@sss/log';
import { ConfigServerCatalog } from '../../catalog/adapters/outbound/config/config-server-catalog';
import type { Kysely } from 'kysely';
import { tempSqliteDatabase } from '../../../../../test/support/temp-sqlite-store';
import { NodeSecretHasher } from '../../catalog/adapters/outbound/crypto/node-secret.hasher';
import { KyselyCatalogStore } from '../../catalog/adapters/outbound/kysely/kysely-catalog.store';
import { CatalogIndex } from '../../catalog/adapters/outbound/memory/catalog-index';
import { LiveCatalog } from '../../catalog/application/live-catalog';
import type { Database } from '../../platform/storage/database';
import { EnrollmentKeyIndex } from '../../enrollment/adapters/outbound/memory/enrollment-key-index';
import { KyselyEnrollmentKeyStore } from '../../enrollment/adapters/outbound/kysely/kysely-enrollment-key.store';
import { LiveEnrollmentKeys } from '../../enrollment/application/live-enrollment-keys';
import { AgentEnrollment } from '../../enrollment/application/agent-enrollment';
import { EnrollmentStats } from '../../enrollment/application/enrollment-stats';
import { ByteReportCache } from '../adapters/outbound/memory/byte-report.cache';
import { ServerRegistry } from '../domain/server-registry';
import { AgentAdmission } from './agent-admission';
import { type AgentSession, AgentSessions } from './agent-sessions';
import { FleetStats } from './fleet-stats';
import { type AgentLink, LINK_OPEN } from './ports/agent-link.port';
import type { CachedReport } from './ports/report-cache.port';
import { ReportIntake } from './report-intake';

/** A link that remembers how the application closed it (the real socket path is proven in test/dashboard). */
class RecordingLink implements AgentLink {
  readonly closes: Array<{ code: number; reason: string }> = [];
  readonly sent: string[] = [];
  readyState: number = LINK_OPEN;
  close(code: number, reason: string): void {
    this.closes.push({ code, reason });
    this.readyState = CLOSING;
  }
  send(text: string): void {
    this.sent.push(text);
  }
}

const CLOSING = 2;
const HOUR = 3_600_000;
/** Enrollment keys (README "Enrollment"): one per rule they are refused by, and a good one. */
const KEYS = [
  { secret: 'key-good', idPattern: 'node-\\d+', group: 'edge', revoked: false },
  { secret: 'key-expired', idPattern: 'node-\\d+', expiresAt: 1_000_000 - HOUR, revoked: false },
  { secret: 'key-revoked', idPattern: 'node-\\d+', revoked: true },
];

const IDLE_MS = 60_000;
const REPORTS_PER_SECOND = 5;
const LIMITS = { agentConnections: 2, upgradesPerSecond: 10, authFailures: 5, blockSeconds: 60 };
const report = JSON.stringify(exampleServerInfo());

/** The stored catalog's database: a fresh SQLite file for each test. */
let db: Kysely<Database>;
let closeDb: () => Promise<void>;
beforeEach(async () => ({ db, close: closeDb } = await tempSqliteDatabase()));
afterEach(() => closeDb());

function setup() {
  let now = 1_000_000;
  const clock = { now: () => now };
  const registry = new ServerRegistry<CachedReport>(30_000, clock);
  const lines: string[] = [];
  const log = new Log('test', { sink: { write: (line) => lines.push(line) } });
  const stats = new FleetStats(clock);
  const admission = new AgentAdmission(LIMITS, clock, stats, log);
  const intake = new ReportIntake(registry, new ByteReportCache());
  const catalog = new LiveCatalog(
    new ConfigServerCatalog([{ id: 'web-1', secret: 's3cret' }]),
    new CatalogIndex(),
    new KyselyCatalogStore(db),
    new NodeSecretHasher(),
    clock.now,
  );
  const enrollmentStats = new EnrollmentStats();
  const keys = new LiveEnrollmentKeys(KEYS, new EnrollmentKeyIndex(), new KyselyEnrollmentKeyStore(db), new NodeSecretHasher(), clock.now);
  const enrollment = new AgentEnrollment(keys, undefined, catalog, catalog, clock.now, enrollmentStats, log);
  const sessions = new AgentSessions(catalog, intake, registry, clock, IDLE_MS, log, stats, admission, REPORTS_PER_SECOND, enrollment);
  const online = () => registry.get('web-1')?.online;
  const connect = () => {
    const link = new RecordingLink();
    return { link, session: sessions.open(link, { serverId: 'web-1', secret: 's3cret', remote: '127.0.0.1' }) as AgentSession };
  };
  return { sessions, admission, registry, stats, enrollmentStats, lines, online, connect, advance: (ms: number) => (now += ms) };
}

describe('AgentSessions', () => {
  it('refuses a wrong secret or an unknown id with 1008, logging the claimed id and never the secret', () => {
    const { sessions, lines } = setup();
    for (const [i, credentials] of [
      { serverId: 'web-1', secret: 'wrong-secret' },
      { serverId: 'nobody', secret: 's3cret' },
      { serverId: undefined, secret: undefined },
    ].entries()) {
      const link = new RecordingLink();
      expect(sessions.open(link, { ...credentials, remote: `10.0.0.${i}` })).toBeUndefined();
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

  it('logs refused authentications once per address every 10 s with the repeats counted, and blocks the address after authFailures', () => {
    const { sessions, admission, lines, advance } = setup();
    const fail = (remote: string) =>
      expect(sessions.open(new RecordingLink(), { serverId: 'web-1', secret: 'guess', remote })).toBeUndefined();
    for (let i = 0; i < 4; i++) fail('10.0.0.8');
    fail('10.0.0.7');
    const failures = () => lines.filter((l) => l.includes('agent authentication failed'));
    expect(failures()).toEqual([expect.stringContaining('remote="10.0.0.8"'), expect.stringContaining('remote="10.0.0.7"')]);
    advance(10_000);
    fail('10.0.0.8'); // the fifth: LIMITS.authFailures
    expect(failures()[2]).toMatch(/remote="10\.0\.0\.8" claimedId="web-1" suppressed=3/);
    expect(lines.filter((l) => l.includes('address blocked'))).toEqual([expect.stringContaining('remote="10.0.0.8" failures=5')]);
    expect(admission.refusal('10.0.0.8', 0)).toEqual({ status: 429, reason: 'address blocked' });
    expect(admission.refusal('10.0.0.7', 0)).toBeUndefined();
  });

  it('drops reports beyond reportsPerSecond per agent, counted, with one warning, keeping the connection', () => {
    const { sessions, stats, lines, connect, advance, registry } = setup();
    const { session, link } = connect();
    for (let i = 0; i < 8; i++) sessions.received(session, JSON.stringify(exampleServerInfo({ timestamp: i })));
    expect(stats.snapshot().rejects['report-rate']).toBe(3);
    expect(lines.filter((l) => l.includes('reports over the rate limit dropped'))).toHaveLength(1);
    advance(200); // one more token
    sessions.received(session, JSON.stringify(exampleServerInfo({ timestamp: 100 })));
    expect(registry.get('web-1')!.report).toBeDefined();
    expect(stats.snapshot().rejects['report-rate']).toBe(3);
    expect(link.closes).toEqual([]);
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

  it('counts connected agents, accepted reports and every reject by its reason for /api/stats', () => {
    const { sessions, stats, connect, advance } = setup();
    expect(sessions.open(new RecordingLink(), { serverId: 'web-1', secret: 'wrong', remote: '10.0.0.9' })).toBeUndefined();
    const first = connect();
    const { session } = connect(); // replaces the first: still one agent
    expect(sessions.connected).toBe(1);
    sessions.received(session, report);
    sessions.received(session, report);
    sessions.received(session, '{}');
    sessions.received(session, JSON.stringify(exampleServerInfo({ serverId: 'db-1' })));
    sessions.receivedBinary(session);
    sessions.receivedTooBig();
    sessions.closed(first.session, CloseCode.MESSAGE_TOO_BIG);
    sessions.closed(session, CloseCode.NORMAL);
    expect(sessions.connected).toBe(0);
    advance(1_000);
    expect(stats.snapshot()).toMatchObject({
      reportsPerSecond: 0.2,
      rejects: { authentication: 1, 'invalid-frame': 1, 'id-mismatch': 1, binary: 1, 'too-big': 1, 'internal-error': 0, 'report-rate': 0 },
    });
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

  describe('enrollment by key', () => {
    it('registers an unregistered id matching the pattern, sends its secret once and admits it; the secret works from then on', async () => {
      const { sessions, registry, enrollmentStats } = setup();
      const link = new RecordingLink();
      const opening = sessions.open(link, { serverId: 'node-1', secret: 'key-good', remote: '10.0.1.1' });
      expect(opening).toBeInstanceOf(Promise);
      const session = (await opening)!;
      expect(session.server).toEqual(expect.objectContaining({ id: 'node-1', group: 'edge', via: 'key' }));
      expect(link.sent).toHaveLength(1);
      const reply = JSON.parse(link.sent[0]) as { type: string; serverId: string; secret: string };
      expect(reply).toEqual({ type: 'enrolled', serverId: 'node-1', secret: expect.stringMatching(/^\S{20,}$/) as string });
      sessions.received(session, JSON.stringify(exampleServerInfo({ serverId: 'node-1' })));
      expect(registry.get('node-1')?.online).toBe(true);
      const again = sessions.open(new RecordingLink(), { serverId: 'node-1', secret: reply.secret, remote: '10.0.1.1' });
      expect((again as AgentSession).server.id).toBe('node-1'); // synchronous: the ordinary secret path
      expect(enrollmentStats.snapshot().enrollments.key).toEqual({ accepted: 1, refused: 0, unavailable: 0 });
    });

    it('refuses an expired or revoked key, an id off the pattern and any registered id like a wrong secret: 1008, a strike, nothing sent', async () => {
      const { sessions, admission, enrollmentStats, stats } = setup();
      await sessions.open(new RecordingLink(), { serverId: 'node-2', secret: 'key-good', remote: '10.0.1.2' });
      const attempts = [
        { serverId: 'node-3', secret: 'key-expired' },
        { serverId: 'node-3', secret: 'key-revoked' },
        { serverId: 'web-3', secret: 'key-good' }, // off the pattern
        { serverId: 'node-2', secret: 'key-good' }, // enrolled already: only its own secret works
        { serverId: 'web-1', secret: 'key-good' }, // configured (and off the pattern)
      ];
      for (const attempt of attempts) {
        const link = new RecordingLink();
        expect(sessions.open(link, { ...attempt, remote: '10.0.0.9' })).toBeUndefined();
        expect({ attempt, closes: link.closes, sent: link.sent }).toEqual({
          attempt,
          closes: [{ code: CloseCode.POLICY_VIOLATION, reason: CloseReason.AUTH_FAILED }],
          sent: [],
        });
      }
      expect(enrollmentStats.snapshot().enrollments.key).toEqual({ accepted: 1, refused: 5, unavailable: 0 });
      expect(stats.snapshot().rejects.authentication).toBe(5);
      expect(admission.refusal('10.0.0.9', 0)).toEqual({ status: 429, reason: 'address blocked' }); // LIMITS.authFailures = 5
    });

    it('leaves no session for a link closed while its enrollment was pending', async () => {
      const { sessions, lines } = setup();
      const link = new RecordingLink();
      const opening = sessions.open(link, { serverId: 'node-4', secret: 'key-good', remote: '10.0.1.4' });
      link.readyState = CLOSING; // the agent went away before the registration finished
      expect(await opening).toBeUndefined();
      expect(link.sent).toEqual([]);
      expect(sessions.connected).toBe(0);
      expect(lines.join('')).toContain('agent left before its enrollment was answered');
    });
  });
});
