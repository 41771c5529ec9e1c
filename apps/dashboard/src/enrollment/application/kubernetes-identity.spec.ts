import { Log } from '@sss/log';
import { EnrollmentStats } from './enrollment-stats';
import { KubernetesIdentity, NODE_NAME_EXTRA } from './kubernetes-identity';
import type { TokenReviewer, TokenReviewStatus } from './ports/token-reviewer.port';

const SETTINGS = { audience: 'sss', serviceAccount: 'system:serviceaccount:sss-agent:sss-agent', concurrentReviews: 2, cacheEntries: 10 };
const NOW = 1_800_000_000_000;
const jwt = (claims: object) => `e30.${Buffer.from(JSON.stringify(claims)).toString('base64url')}.c2ln`;

/** A TokenReview API in memory whose answers the test releases: the HTTPS one is proven in test/enrollment. */
class HeldReviewer implements TokenReviewer {
  readonly asked: string[] = [];
  private readonly held: (() => void)[] = [];
  review(token: string): Promise<TokenReviewStatus> {
    this.asked.push(token);
    const status: TokenReviewStatus = {
      authenticated: true,
      username: SETTINGS.serviceAccount,
      audiences: [SETTINGS.audience],
      extra: { [NODE_NAME_EXTRA]: ['node-1'] },
    };
    return new Promise((resolve) => this.held.push(() => resolve(status)));
  }
  releaseAll(): void {
    this.held.splice(0).forEach((release) => release());
  }
}

describe('KubernetesIdentity', () => {
  const setup = () => {
    const reviewer = new HeldReviewer();
    const stats = new EnrollmentStats();
    const identity = new KubernetesIdentity(reviewer, SETTINGS, () => NOW, stats, new Log('test', { sink: { write: () => {} } }));
    return { reviewer, stats, identity };
  };

  it('asks once for a token presented again while its review is in flight, then answers from the cache', async () => {
    const { reviewer, stats, identity } = setup();
    const token = jwt({ exp: NOW / 1000 + 3600 });
    const both = Promise.all([identity.check(token), identity.check(token)]);
    await Promise.resolve();
    reviewer.releaseAll();
    expect(await both).toEqual([
      { kind: 'node', node: 'node-1' },
      { kind: 'node', node: 'node-1' },
    ]);
    expect(await identity.check(token)).toEqual({ kind: 'node', node: 'node-1' });
    expect(reviewer.asked).toEqual([token]);
    expect(stats.snapshot().tokenReviews).toEqual({ requests: 1, errors: 0, cacheHits: 1 });
  });

  it('refuses without asking what cannot be a valid token: not a JWT, or past its exp', async () => {
    const { reviewer, identity } = setup();
    expect(await identity.check('opaque-token')).toEqual({ kind: 'refused', reason: 'not a service-account token' });
    expect(await identity.check(jwt({ exp: NOW / 1000 - 1 }))).toEqual({ kind: 'refused', reason: 'token expired' });
    expect(reviewer.asked).toEqual([]);
  });

  it('does not cache a token without exp', async () => {
    const { reviewer, identity } = setup();
    const token = jwt({ sub: 'legacy' });
    for (let i = 0; i < 2; i++) {
      const check = identity.check(token);
      await Promise.resolve();
      reviewer.releaseAll();
      expect(await check).toEqual({ kind: 'node', node: 'node-1' });
    }
    expect(reviewer.asked).toHaveLength(2);
  });
});
