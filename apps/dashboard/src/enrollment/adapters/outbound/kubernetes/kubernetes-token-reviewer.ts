import { readFileSync } from 'node:fs';
import { request } from 'node:https';
import { type TokenReviewer, type TokenReviewStatus, TokenReviewUnavailableError } from '../../../application/ports/token-reviewer.port';

export interface KubernetesApiSettings {
  /** https://HOST:PORT */
  apiServer: string;
  caFile: string;
  /** The dashboard's own service-account token: re-read for each review, as the kubelet rotates it. */
  tokenFile: string;
}

const TOKEN_REVIEWS_PATH = '/apis/authentication.k8s.io/v1/tokenreviews';
const REVIEW_TIMEOUT_MS = 10_000;
/** A TokenReview answer is a few hundred bytes; anything far larger is not one. */
const MAX_ANSWER_BYTES = 1024 * 1024;

/**
 * TokenReview over HTTPS, as the Kubernetes API documents it: POST a TokenReview
 * (spec.token, spec.audiences) with the dashboard's own service-account token,
 * trusting the cluster's CA only; the answer's status says whether the token is
 * valid and whose it is.
 */
export class KubernetesTokenReviewer implements TokenReviewer {
  private readonly ca: Buffer;

  constructor(private readonly settings: KubernetesApiSettings) {
    this.ca = readFileSync(settings.caFile);
  }

  review(token: string, audience: string): Promise<TokenReviewStatus> {
    let bearer: string;
    try {
      bearer = readFileSync(this.settings.tokenFile, 'utf8').trim();
    } catch (err) {
      return Promise.reject(new TokenReviewUnavailableError(`cannot read ${this.settings.tokenFile}: ${(err as Error).message}`));
    }
    const body = JSON.stringify({
      apiVersion: 'authentication.k8s.io/v1',
      kind: 'TokenReview',
      spec: { token, audiences: [audience] },
    });
    return new Promise((resolve, reject) => {
      const fail = (reason: string) => reject(new TokenReviewUnavailableError(reason));
      const req = request(
        `${this.settings.apiServer}${TOKEN_REVIEWS_PATH}`,
        {
          method: 'POST',
          ca: this.ca,
          headers: {
            Authorization: `Bearer ${bearer}`,
            'Content-Type': 'application/json',
            Accept: 'application/json',
            'Content-Length': Buffer.byteLength(body),
          },
          timeout: REVIEW_TIMEOUT_MS,
        },
        (res) => {
          const chunks: Buffer[] = [];
          let bytes = 0;
          res.on('data', (chunk: Buffer) => {
            bytes += chunk.length;
            if (bytes > MAX_ANSWER_BYTES) req.destroy(new Error('answer too large'));
            else chunks.push(chunk);
          });
          res.on('end', () => {
            const text = Buffer.concat(chunks).toString('utf8');
            const status = res.statusCode ?? 0;
            if (status === 401 || status === 403) {
              return fail(`the API server answered ${status}: the dashboard's service account may not create tokenreviews (RBAC)`);
            }
            if (status < 200 || status > 299) return fail(`the API server answered ${status}`);
            const parsed = parseStatus(text);
            if (!parsed) return fail('the API server answered something that is not a TokenReview');
            resolve(parsed);
          });
          res.on('error', (err) => fail(err.message));
        },
      );
      req.on('timeout', () => req.destroy(new Error(`no answer within ${REVIEW_TIMEOUT_MS / 1000} s`)));
      req.on('error', (err) => fail(`cannot reach the API server at ${this.settings.apiServer}: ${err.message}`));
      req.end(body);
    });
  }
}

/** The status of a TokenReview answer, or undefined if the text is not one. */
function parseStatus(text: string): TokenReviewStatus | undefined {
  let review: { kind?: unknown; status?: Record<string, unknown> };
  try {
    review = JSON.parse(text) as typeof review;
  } catch {
    return undefined;
  }
  const status = review?.status;
  if (review?.kind !== 'TokenReview' || !status || typeof status !== 'object') return undefined;
  const user = (status.user ?? {}) as { username?: unknown; extra?: unknown };
  return {
    authenticated: status.authenticated === true,
    username: typeof user.username === 'string' ? user.username : undefined,
    audiences: stringList(status.audiences),
    extra: Object.fromEntries(
      Object.entries(user.extra && typeof user.extra === 'object' ? user.extra : {}).map(([k, v]) => [k, stringList(v)]),
    ),
    error: typeof status.error === 'string' ? status.error : undefined,
  };
}

function stringList(v: unknown): string[] {
  return Array.isArray(v) ? v.filter((s): s is string => typeof s === 'string') : [];
}
