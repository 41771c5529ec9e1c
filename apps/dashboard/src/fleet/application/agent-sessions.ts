import { CloseCode, CloseReason, Limits, type EnrolledMessage } from '@sss/contracts';
import { RateLimiter, type Log } from '@sss/log';
import type { CatalogEntry, ServerCatalog } from '../../catalog';
import type { AgentEnrollment, EnrollmentOutcome } from '../../enrollment';
import type { Clock } from '../domain/clock';
import { TokenBucket } from '../domain/token-bucket';
import type { AgentAdmission } from './agent-admission';
import type { FleetRegistry } from './fleet-state';
import type { FleetStats } from './fleet-stats';
import { LINK_OPEN, type AgentLink } from './ports/agent-link.port';
import type { ReportIntake } from './report-intake';

const INVALID = 'invalid report dropped';

/** One authenticated agent connection. */
export class AgentSession {
  constructor(
    readonly server: CatalogEntry,
    readonly link: AgentLink,
    readonly remote: string,
    /** Clock time of the last frame or ping: the idle check reads it. */
    public lastActivity: number,
    /** The reports it may send: the rest are dropped. */
    readonly reports: TokenBucket,
    /** Clock time it authenticated. */
    readonly connectedAt: number,
  ) {}

  /** Closed for idleness, its close not yet arrived: asked once. */
  idleClosing = false;
  /** Reports accepted on this connection. */
  accepted = 0;
  /** From its last accepted report (protocol 1.1). */
  agentVersion?: string;
  /** Why its last refused frame was refused, and when. */
  lastError?: { at: number; reason: string };
}

/** An agent connection as the admin console lists it. */
export interface AgentConnection {
  serverId: string;
  /** The catalog's name for the server, when it has one. */
  name?: string;
  remote: string;
  connectedAt: number;
  reports: number;
  agentVersion?: string;
  lastError?: { at: number; reason: string };
}

/** What an agent presented on its upgrade request. */
export interface AgentCredentials {
  serverId: string | undefined;
  secret: string | undefined;
  /** The bearer token of an Authorization header (Kubernetes identity). */
  token?: string;
  remote: string;
}

/**
 * The agents' side of the fleet: who is connected as which server, a newer
 * connection replacing an older one, frames becoming reports, silence and
 * disconnection becoming offline servers. Transport-free: a gateway turns
 * socket events into these calls, and each session's `link` closes its socket.
 */
export class AgentSessions {
  /** The current session per server id; a newer one replaces it. */
  private readonly current = new Map<string, AgentSession>();
  private readonly warnings: RateLimiter;
  /** Refused authentications are logged per source address, the repeats counted, so a flood writes few lines. */
  private readonly authWarnings: RateLimiter;
  private readonly log: Log;

  constructor(
    private readonly catalog: ServerCatalog,
    private readonly intake: ReportIntake,
    private readonly registry: FleetRegistry,
    private readonly clock: Clock,
    private readonly idleMs: number,
    log: Log,
    private readonly stats: FleetStats,
    private readonly admission: AgentAdmission,
    private readonly reportsPerSecond: number,
    private readonly enrollment: AgentEnrollment,
  ) {
    this.log = log.child('AgentSessions');
    this.warnings = new RateLimiter(10_000, () => clock.now());
    this.authWarnings = new RateLimiter(10_000, () => clock.now());
  }

  /**
   * Authenticates a new connection: its session, or undefined once `link` is
   * closed (1008, or 1013 when an identity cannot be checked now). A server's own secret is checked at once; an enrollment
   * (an enrollment key's registration, a Kubernetes identity) answers with a
   * promise, and the link must not be read from until it settles.
   */
  open(link: AgentLink, credentials: AgentCredentials): AgentSession | undefined | Promise<AgentSession | undefined> {
    const { serverId, secret, token } = credentials;
    // A token without X-AUTH-SECRET is Kubernetes identity: no secret to check.
    const server = secret === undefined && token !== undefined ? undefined : this.catalog.authenticate(serverId, secret);
    if (server) return this.admit(server, link, credentials.remote);
    const outcome = this.enrollment.enabled ? this.enrollment.enroll({ serverId, secret, token }) : { kind: 'none' as const };
    return outcome instanceof Promise
      ? outcome.then((settled) => this.afterEnrollment(link, credentials, settled))
      : this.afterEnrollment(link, credentials, outcome);
  }

  /** Admits, refuses (1008) or defers (1013) as the enrollment decided. */
  private afterEnrollment(link: AgentLink, credentials: AgentCredentials, outcome: EnrollmentOutcome): AgentSession | undefined {
    const { remote } = credentials;
    if (outcome.kind === 'none' || outcome.kind === 'refused') {
      this.refuse(link, credentials, outcome.kind === 'refused' ? { via: outcome.way, reason: outcome.reason } : {});
      return undefined;
    }
    if (outcome.kind === 'unavailable') {
      // The agent is not at fault: no strike against its address; it retries with its backoff.
      this.stats.rejected('authentication');
      this.warnAuth(remote, 'agent identity cannot be checked now', credentials.serverId, { via: outcome.way, reason: outcome.reason });
      link.close(CloseCode.TRY_AGAIN_LATER, CloseReason.ENROLLMENT_UNAVAILABLE);
      return undefined;
    }
    const { entry, secret } = outcome;
    // Gone while it was decided: no session for a closed link (a stored id keeps its registration).
    if (link.readyState !== LINK_OPEN) {
      this.log.warn('agent left before its enrollment was answered', { serverId: entry.id, remote, via: outcome.way });
      return undefined;
    }
    if (secret !== undefined) {
      const reply: EnrolledMessage = { type: 'enrolled', serverId: entry.id, secret };
      link.send(JSON.stringify(reply));
    }
    return this.admit(entry, link, remote);
  }

  private refuse(link: AgentLink, { serverId, remote }: AgentCredentials, fields: Record<string, unknown>): void {
    this.stats.rejected('authentication');
    this.admission.authFailed(remote);
    this.warnAuth(remote, 'agent authentication failed', serverId, fields);
    link.close(CloseCode.POLICY_VIOLATION, CloseReason.AUTH_FAILED);
  }

  /** Refused authentications are logged per source address, the repeats counted, so a flood writes few lines. */
  private warnAuth(remote: string, msg: string, serverId: string | undefined, fields: Record<string, unknown>): void {
    const suppressed = this.authWarnings.take(remote);
    if (suppressed >= 0) {
      const claimedId = serverId?.slice(0, Limits.ID_MAX_LENGTH) ?? null;
      this.log.warn(msg, { remote, claimedId, ...fields, ...(suppressed ? { suppressed } : {}) });
    }
  }

  private admit(server: CatalogEntry, link: AgentLink, remote: string): AgentSession {
    const now = this.clock.now();
    const session = new AgentSession(server, link, remote, now, new TokenBucket(this.reportsPerSecond, now), now);
    const previous = this.current.get(server.id);
    this.current.set(server.id, session);
    if (previous) {
      this.log.info('agent connection replaced', { serverId: server.id, remote, previous: previous.remote });
      previous.link.close(CloseCode.NORMAL, CloseReason.REPLACED);
    } else {
      this.log.info('agent connected', { serverId: server.id, remote });
    }
    return session;
  }

  /** Deciding an enrollment threw: counted and logged like an exception while handling a report (the link gets 1011). */
  failedToOpen(err: unknown): void {
    this.stats.rejected('internal-error');
    this.log.error('unexpected error while admitting an agent', { error: String(err) });
  }

  /** A ping: the agent is alive even when it has nothing to report. */
  pinged(session: AgentSession): void {
    session.lastActivity = this.clock.now();
  }

  /** A text frame: a report to accept, or a reason to warn or to close. */
  received(session: AgentSession, text: string): void {
    if (!this.isCurrent(session)) return; // replaced: its late frames are stale
    const now = this.clock.now();
    session.lastActivity = now;
    const { server, link } = session;
    if (!session.reports.take(now)) {
      this.stats.rejected('report-rate');
      session.lastError = { at: now, reason: 'over the report rate limit' };
      this.warnRateLimited(server.id, 'reports over the rate limit dropped', { reportsPerSecond: this.reportsPerSecond });
      return;
    }
    try {
      // Saying why a frame is invalid costs far more than finding that it is: only for a warning that will be printed.
      // The catalog's current entry: a name changed in the console applies to the next report.
      const explain = this.warnings.wouldPass(`${server.id}:${INVALID}`);
      const result = this.intake.accept(this.catalog.get(server.id) ?? server, text, explain);
      if (result.kind === 'accepted') {
        this.stats.accepted();
        session.accepted++;
        if (result.agentVersion !== undefined) session.agentVersion = result.agentVersion;
      } else if (result.kind === 'invalid') {
        this.stats.rejected('invalid-frame');
        session.lastError = { at: now, reason: result.errors?.[0] ?? INVALID };
        this.warnRateLimited(server.id, INVALID, { errors: result.errors?.slice(0, 10) });
      } else if (result.kind === 'id-mismatch') {
        this.stats.rejected('id-mismatch');
        this.log.warn('report serverId differs from X-SERVER-ID', {
          serverId: server.id,
          bodyId: result.bodyId.slice(0, Limits.ID_MAX_LENGTH),
        });
        link.close(CloseCode.POLICY_VIOLATION, CloseReason.ID_MISMATCH);
      }
    } catch (err) {
      this.stats.rejected('internal-error');
      this.log.error('unexpected error while handling a report', { serverId: server.id, error: String(err) });
      link.close(CloseCode.INTERNAL_ERROR, CloseReason.INTERNAL);
    }
  }

  /** A binary frame: not part of the protocol. */
  receivedBinary(session: AgentSession): void {
    if (!this.isCurrent(session)) return;
    this.stats.rejected('binary');
    this.log.warn('binary frame from agent', { serverId: session.server.id });
    session.link.close(CloseCode.UNSUPPORTED_DATA, CloseReason.BINARY);
  }

  /** A frame over maxMessageBytes: ws closes the connection (1009) by itself; only counted here. */
  receivedTooBig(): void {
    this.stats.rejected('too-big');
  }

  /** The connection is gone; if it was the server's current one, the server is offline now. */
  closed(session: AgentSession, code: number): void {
    if (!this.isCurrent(session)) return;
    this.current.delete(session.server.id);
    this.log.info('agent disconnected', { serverId: session.server.id, code });
    this.registry.disconnected(session.server.id);
  }

  /** The server's secret no longer admits it (rotated, or the server removed): its agent is closed with 1008. */
  revoke(serverId: string): void {
    const session = this.current.get(serverId);
    if (!session) return;
    this.log.info('closing agent connection: credentials revoked', { serverId });
    session.link.close(CloseCode.POLICY_VIOLATION, CloseReason.CREDENTIALS_REVOKED);
  }

  /** Closes every connection that has sent nothing, not even a ping, for the idle timeout. Call it periodically. */
  closeIdle(): void {
    const cutoff = this.clock.now() - this.idleMs;
    for (const session of this.current.values()) {
      if (session.lastActivity < cutoff && !session.idleClosing) {
        session.idleClosing = true;
        this.log.info('closing idle agent connection', { serverId: session.server.id });
        session.link.close(CloseCode.NORMAL, CloseReason.IDLE);
      }
    }
  }

  /** Every agent connected now, for the admin console. */
  connections(): AgentConnection[] {
    return [...this.current.values()].map(({ server, remote, connectedAt, accepted, agentVersion, lastError }) => {
      const name = (this.catalog.get(server.id) ?? server).name;
      return {
        serverId: server.id,
        ...(name !== undefined ? { name } : {}),
        remote,
        connectedAt,
        reports: accepted,
        ...(agentVersion !== undefined ? { agentVersion } : {}),
        ...(lastError ? { lastError } : {}),
      };
    });
  }

  /** Whether the server's agent is connected to this dashboard now. */
  holds(serverId: string): boolean {
    return this.current.has(serverId);
  }

  /** Agents connected now (one per server). */
  get connected(): number {
    return this.current.size;
  }

  /** The dashboard is stopping: forget every session; every server goes offline for that reason, not because its agent failed. */
  detachAll(): void {
    this.registry.shutdown(this.current.keys());
    this.current.clear();
  }

  private isCurrent(session: AgentSession): boolean {
    return this.current.get(session.server.id) === session;
  }

  private warnRateLimited(serverId: string, msg: string, fields: Record<string, unknown>): void {
    const suppressed = this.warnings.take(`${serverId}:${msg}`);
    if (suppressed >= 0) this.log.warn(msg, { serverId, ...fields, ...(suppressed ? { suppressed } : {}) });
  }
}
