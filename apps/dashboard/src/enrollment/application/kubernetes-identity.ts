import type { Log } from '@sss/log';
import { ConcurrencyLimit } from '../domain/concurrency-limit';
import { ExpiringCache } from '../domain/expiring-cache';
import type { EnrollmentStats } from './enrollment-stats';
import { jwtClaims } from './jwt-claims';
import { TokenReviewUnavailableError, type TokenReviewer, type TokenReviewStatus } from './ports/token-reviewer.port';

/** The user attribute of a pod-bound token's review that names the pod's node (Kubernetes 1.30 and later). */
export const NODE_NAME_EXTRA = 'authentication.kubernetes.io/node-name';

/** What a token says about its holder: the node of its pod, or why that is not known. */
export type IdentityCheck = { kind: 'node'; node: string } | { kind: 'refused' | 'unavailable'; reason: string };

export interface KubernetesIdentitySettings {
  audience: string;
  serviceAccount: string;
  concurrentReviews: number;
  /** Positive reviews kept; one per agent connection is enough. */
  cacheEntries: number;
}

/** Reviews waiting for a turn beyond which a token is not reviewed now (1013: the agent retries with its backoff). */
const MAX_WAITING_REVIEWS = 1_000;
/** A positive review is kept until the token expires, and never longer than this: a deleted pod's token stops working. */
const MAX_CACHE_MS = 3_600_000;

/**
 * Kubernetes identity: which node an agent's projected service-account token
 * speaks for, asked of the API server with a TokenReview. Positive reviews are
 * cached until the token expires, and only a few reviews run at once, so a
 * dashboard restarted in front of thousands of nodes does not flood the API.
 */
export class KubernetesIdentity {
  private readonly cache: ExpiringCache<string>;
  private readonly limit: ConcurrencyLimit;
  /** Reviews in flight by token: an agent reconnecting meanwhile waits for the same answer. */
  private readonly inFlight = new Map<string, Promise<IdentityCheck>>();
  private readonly log: Log;

  constructor(
    private readonly reviewer: TokenReviewer,
    private readonly settings: KubernetesIdentitySettings,
    private readonly now: () => number,
    private readonly stats: EnrollmentStats,
    log: Log,
  ) {
    this.cache = new ExpiringCache(settings.cacheEntries);
    this.limit = new ConcurrencyLimit(settings.concurrentReviews, MAX_WAITING_REVIEWS);
    this.log = log.child('KubernetesIdentity');
  }

  check(token: string): Promise<IdentityCheck> {
    const claims = jwtClaims(token);
    if (!claims) return Promise.resolve({ kind: 'refused', reason: 'not a service-account token' });
    const expiresAt = typeof claims.exp === 'number' ? claims.exp * 1000 : undefined;
    const now = this.now();
    // Not trusted for more than saving a review that could only fail.
    if (expiresAt !== undefined && expiresAt <= now) return Promise.resolve({ kind: 'refused', reason: 'token expired' });
    const node = this.cache.get(token, now);
    if (node !== undefined) {
      this.stats.reviewCached();
      return Promise.resolve({ kind: 'node', node });
    }
    let check = this.inFlight.get(token);
    if (!check) {
      check = this.review(token, claims, expiresAt).finally(() => this.inFlight.delete(token));
      this.inFlight.set(token, check);
    }
    return check;
  }

  private async review(token: string, claims: Record<string, unknown>, expiresAt: number | undefined): Promise<IdentityCheck> {
    const reviewing = this.limit.run(() => {
      this.stats.reviewRequested();
      return this.reviewer.review(token, this.settings.audience);
    });
    if (!reviewing) return { kind: 'unavailable', reason: 'too many token reviews waiting' };
    let status: TokenReviewStatus;
    try {
      status = await reviewing;
    } catch (err) {
      if (!(err instanceof TokenReviewUnavailableError)) throw err;
      this.stats.reviewFailed();
      this.log.warn('token review failed', { error: err.message });
      return { kind: 'unavailable', reason: err.message };
    }
    const check = this.judge(status, claims);
    if (check.kind === 'node' && expiresAt !== undefined) {
      this.cache.set(token, check.node, Math.min(expiresAt, this.now() + MAX_CACHE_MS));
    }
    return check;
  }

  private judge(status: TokenReviewStatus, claims: Record<string, unknown>): IdentityCheck {
    const { audience, serviceAccount } = this.settings;
    if (!status.authenticated) return { kind: 'refused', reason: `token not authenticated${status.error ? `: ${status.error}` : ''}` };
    if (!status.audiences.includes(audience)) return { kind: 'refused', reason: `token not issued for the audience ${audience}` };
    if (status.username !== serviceAccount)
      return { kind: 'refused', reason: `token of ${status.username ?? 'nobody'}, not ${serviceAccount}` };
    const node = status.extra[NODE_NAME_EXTRA]?.[0] ?? boundNodeName(claims);
    if (!node) return { kind: 'refused', reason: 'token not bound to a pod on a node' };
    return { kind: 'node', node };
  }
}

/**
 * The node of a pod-bound token from its `kubernetes.io` claim, for API servers
 * that do not return the node-name extra: read only once the review has
 * authenticated the token, so its claims are the API server's own.
 */
function boundNodeName(claims: Record<string, unknown>): string | undefined {
  const bound = claims['kubernetes.io'] as { node?: { name?: unknown } } | undefined;
  const name = bound?.node?.name;
  return typeof name === 'string' && name ? name : undefined;
}
