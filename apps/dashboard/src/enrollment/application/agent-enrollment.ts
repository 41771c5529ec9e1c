import { SERVER_ID_PATTERN } from '@sss/contracts';
import type { Log } from '@sss/log';
import { type CatalogEntry, type ServerCatalog, ServerIdTakenError, type ServerRegistration } from '../../catalog';
import type { EnrollmentStats, EnrollmentWay } from './enrollment-stats';
import type { KubernetesIdentity } from './kubernetes-identity';
import type { EnrollmentKeys } from './ports/enrollment-keys.port';

/** What an agent that its secret did not admit presented. */
export interface EnrollmentClaim {
  serverId: string | undefined;
  /** X-AUTH-SECRET: possibly an enrollment key. */
  secret: string | undefined;
  /** The bearer token of the Authorization header: possibly a Kubernetes identity. */
  token: string | undefined;
}

/**
 * none: the credentials are no enrollment's (an ordinary authentication failure);
 * enrolled: admit as `entry`, sending `secret` to the agent when there is one;
 * refused: an authentication failure (1008); unavailable: not decidable now (1013).
 */
export type EnrollmentOutcome =
  | { kind: 'none' }
  | { kind: 'enrolled'; way: EnrollmentWay; entry: CatalogEntry; secret?: string }
  | { kind: 'refused'; way: EnrollmentWay; reason: string }
  | { kind: 'unavailable'; way: EnrollmentWay; reason: string };

/**
 * Admits agents the catalog does not know yet (PROTOCOL.md "Enrollment"): with
 * an enrollment key, an unregistered id matching the key's pattern is
 * registered and gets a secret of its own; with a Kubernetes identity, the node
 * its token names is registered on its first connection and admitted on every
 * later one. A registered id is never taken over: a key enrolls no id that
 * exists, and a token admits only a node registered by Kubernetes identity.
 *
 * What can be refused without waiting (no key matches, a rule of the key, an id
 * already registered) is decided synchronously; a registration or a TokenReview
 * answers with a promise.
 */
export class AgentEnrollment {
  private readonly log: Log;

  constructor(
    private readonly keys: EnrollmentKeys,
    /** Undefined when Kubernetes identity is off. */
    private readonly kubernetes: KubernetesIdentity | undefined,
    private readonly catalog: ServerCatalog,
    private readonly registration: ServerRegistration,
    private readonly now: () => number,
    private readonly stats: EnrollmentStats,
    log: Log,
  ) {
    this.log = log.child('AgentEnrollment');
  }

  /** Whether the secret path's failures need to be looked at here: an enrollment way is configured. */
  get enabled(): boolean {
    return this.keys.any || this.kubernetes !== undefined;
  }

  enroll({ serverId, secret, token }: EnrollmentClaim): EnrollmentOutcome | Promise<EnrollmentOutcome> {
    if (secret !== undefined) {
      const key = this.keys.find(secret);
      if (!key) return { kind: 'none' };
      if (serverId === undefined || !SERVER_ID_PATTERN.test(serverId)) return this.refused('key', 'no valid X-SERVER-ID');
      const refusal = key.refusal(serverId, this.now());
      if (refusal) return this.refused('key', KEY_REFUSALS[refusal]);
      if (this.catalog.get(serverId)) return this.refused('key', 'id already registered');
      return this.register('key', { id: serverId, group: key.group }, () => this.refused('key', 'id already registered'));
    }
    if (token !== undefined && this.kubernetes) return this.byToken(serverId, token, this.kubernetes);
    return { kind: 'none' };
  }

  private async byToken(serverId: string | undefined, token: string, kubernetes: KubernetesIdentity): Promise<EnrollmentOutcome> {
    const check = await kubernetes.check(token);
    if (check.kind !== 'node') return this.counted({ kind: check.kind, way: 'kubernetes', reason: check.reason });
    const { node } = check;
    if (serverId !== undefined && serverId !== node) return this.refused('kubernetes', `X-SERVER-ID differs from the node ${node}`);
    if (!SERVER_ID_PATTERN.test(node)) return this.refused('kubernetes', `node name ${node} is not a valid server id`);
    const known = this.catalog.get(node);
    if (known) return this.admitNode(known);
    // Two connections of a node racing to register it: the second is admitted like any later connection,
    // or, while the first is still being stored, told to try again.
    return this.register('kubernetes', { id: node }, () => {
      const registered = this.catalog.get(node);
      if (registered) return this.admitNode(registered);
      return this.counted({ kind: 'unavailable', way: 'kubernetes', reason: 'the node is being registered' });
    });
  }

  /** A registered node's token admits it only if Kubernetes identity registered it. */
  private admitNode(entry: CatalogEntry): EnrollmentOutcome {
    if (entry.via !== 'kubernetes') return this.refused('kubernetes', 'id registered otherwise than by Kubernetes identity');
    return this.counted({ kind: 'enrolled', way: 'kubernetes', entry });
  }

  /** Registers `server`; `taken` decides when the id was registered meanwhile. */
  private async register(
    way: EnrollmentWay,
    server: { id: string; group?: string },
    taken: () => EnrollmentOutcome,
  ): Promise<EnrollmentOutcome> {
    try {
      const { entry, secret } = await this.registration.register(server, way);
      this.log.info('server enrolled', { serverId: entry.id, via: way });
      return this.counted({ kind: 'enrolled', way, entry, ...(way === 'key' && { secret }) });
    } catch (err) {
      if (err instanceof ServerIdTakenError) return taken();
      this.log.error('registering an enrolled server failed', { serverId: server.id, error: String(err) });
      return this.counted({ kind: 'unavailable', way, reason: 'registration failed' });
    }
  }

  private refused(way: EnrollmentWay, reason: string): EnrollmentOutcome {
    return this.counted({ kind: 'refused', way, reason });
  }

  private counted(outcome: EnrollmentOutcome): EnrollmentOutcome {
    if (outcome.kind !== 'none') this.stats.counted(outcome.way, outcome.kind === 'enrolled' ? 'accepted' : outcome.kind);
    return outcome;
  }
}

const KEY_REFUSALS = {
  revoked: 'enrollment key revoked',
  expired: 'enrollment key expired',
  'id-not-allowed': "id does not match the key's idPattern",
};
