import { randomUUID } from 'node:crypto';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:https';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { selfSignedCertificate } from './self-signed-certificate';

/** A service-account token the fake API has issued, and what its review answers. */
export interface IssuedToken {
  node: string;
  audiences: string[];
  serviceAccount?: { namespace: string; name: string };
  /** Answer without the node-name extra, as API servers before Kubernetes 1.30 do: the node is then only in the token's claims. */
  withoutNodeExtra?: boolean;
  /** Seconds from now. */
  expiresIn?: number;
}

/** One TokenReview the fake API received. */
export interface ReceivedReview {
  authorization: string | undefined;
  body: { apiVersion?: string; kind?: string; spec?: { token?: string; audiences?: string[] } };
}

/**
 * The TokenReview endpoint of a Kubernetes API server over HTTPS (a
 * self-signed certificate), answering as the API reference documents
 * (authentication.k8s.io/v1): 201 with the review's status for the tokens it
 * issued, `authenticated` absent with an error for any other token or one
 * whose audiences do not meet the review's, 401 without the caller's own
 * token. It counts the reviews in flight at once; `down` answers 503,
 * `hangUp` cuts the connection, `delayMs` holds each answer that long.
 */
export class FakeKubernetesApi {
  readonly reviews: ReceivedReview[] = [];
  maxInFlight = 0;
  down = false;
  /** Cut every connection without an answer, like an API server that went away mid-request. */
  hangUp = false;
  /** Answer as an authenticator that ignores audiences: authenticated, with an empty status.audiences. */
  audienceUnaware = false;
  delayMs = 0;
  /** The token the dashboard must present, and the files the dashboard is pointed at. */
  callerToken = 'dashboard-sa-token';
  readonly caFile: string;
  readonly tokenFile: string;
  private inFlight = 0;
  private readonly issued = new Map<string, IssuedToken>();

  private constructor(
    private readonly server: Server,
    readonly url: string,
    caFile: string,
    dir: string,
  ) {
    this.caFile = caFile;
    this.tokenFile = join(dir, 'dashboard-token');
    writeFileSync(this.tokenFile, `${this.callerToken}\n`);
  }

  static async start(): Promise<FakeKubernetesApi> {
    const { cert, key, certFile } = selfSignedCertificate();
    const server = createServer({ cert, key }, (req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => void api.answer(req.method, req.url, req.headers.authorization, Buffer.concat(chunks).toString(), res));
    });
    await new Promise<void>((res) => server.listen(0, '127.0.0.1', res));
    const { port } = server.address() as AddressInfo;
    const api = new FakeKubernetesApi(server, `https://127.0.0.1:${port}`, certFile, mkdtempSync(join(tmpdir(), 'sss-k8s-')));
    return api;
  }

  /** A pod-bound projected token for `token.node`, shaped like the real ones (a JWT with the kubernetes.io claims). */
  issue(token: IssuedToken): string {
    const sa = token.serviceAccount ?? { namespace: 'sss-agent', name: 'sss-agent' };
    const now = Math.floor(Date.now() / 1000);
    const claims = {
      aud: token.audiences,
      exp: now + (token.expiresIn ?? 3600),
      iat: now,
      iss: 'https://kubernetes.default.svc.cluster.local',
      jti: randomUUID(),
      'kubernetes.io': {
        namespace: sa.namespace,
        node: { name: token.node, uid: randomUUID() },
        pod: { name: `sss-agent-${token.node}`, uid: randomUUID() },
        serviceaccount: { name: sa.name, uid: randomUUID() },
      },
      nbf: now,
      sub: `system:serviceaccount:${sa.namespace}:${sa.name}`,
    };
    const part = (o: object) => Buffer.from(JSON.stringify(o)).toString('base64url');
    const jwt = `${part({ alg: 'RS256', kid: 'test' })}.${part(claims)}.${Buffer.from(randomUUID()).toString('base64url')}`;
    this.issued.set(jwt, token);
    return jwt;
  }

  /** Reviews received of `token`. */
  reviewsOf(token: string): number {
    return this.reviews.filter((r) => r.body.spec?.token === token).length;
  }

  /** Replaces the dashboard's own token (the kubelet rotating it). */
  rotateCallerToken(token: string): void {
    this.callerToken = token;
    writeFileSync(this.tokenFile, `${token}\n`);
  }

  close(): Promise<void> {
    this.server.closeAllConnections();
    return new Promise((res) => this.server.close(() => res()));
  }

  private async answer(
    method: string | undefined,
    url: string | undefined,
    authorization: string | undefined,
    text: string,
    res: import('node:http').ServerResponse,
  ): Promise<void> {
    const send = (status: number, body: object) => {
      res.writeHead(status, { 'Content-Type': 'application/json' });
      res.end(JSON.stringify(body));
    };
    if (method !== 'POST' || url !== '/apis/authentication.k8s.io/v1/tokenreviews') {
      return send(404, { kind: 'Status', apiVersion: 'v1', status: 'Failure', reason: 'NotFound', code: 404 });
    }
    let body: ReceivedReview['body'];
    try {
      body = JSON.parse(text) as ReceivedReview['body'];
    } catch {
      return send(400, { kind: 'Status', apiVersion: 'v1', status: 'Failure', reason: 'BadRequest', code: 400 });
    }
    this.reviews.push({ authorization, body });
    this.inFlight++;
    this.maxInFlight = Math.max(this.maxInFlight, this.inFlight);
    try {
      if (this.delayMs) await new Promise((r) => setTimeout(r, this.delayMs));
      if (this.hangUp) return void res.socket?.destroy();
      if (this.down) return send(503, { kind: 'Status', apiVersion: 'v1', status: 'Failure', reason: 'ServiceUnavailable', code: 503 });
      if (authorization !== `Bearer ${this.callerToken}`) {
        return send(401, { kind: 'Status', apiVersion: 'v1', status: 'Failure', reason: 'Unauthorized', code: 401 });
      }
      send(201, { ...body, metadata: { creationTimestamp: null }, status: this.status(body.spec ?? {}) });
    } finally {
      this.inFlight--;
    }
  }

  /** The TokenReviewStatus for `spec`, as kube-apiserver answers. */
  private status({ token = '', audiences = [] }: { token?: string; audiences?: string[] }): object {
    const issued = this.issued.get(token);
    if (!issued) return { user: {}, error: '[invalid bearer token, square/go-jose: error in cryptographic primitive]' };
    const shared = issued.audiences.filter((a) => audiences.includes(a));
    if (!this.audienceUnaware && audiences.length > 0 && shared.length === 0) {
      return {
        user: {},
        error: `[invalid bearer token, token audiences ${JSON.stringify(issued.audiences)} is invalid for the target audiences ${JSON.stringify(audiences)}]`,
      };
    }
    const sa = issued.serviceAccount ?? { namespace: 'sss-agent', name: 'sss-agent' };
    const extra: Record<string, string[]> = {
      'authentication.kubernetes.io/credential-id': [`JTI=${randomUUID()}`],
      'authentication.kubernetes.io/pod-name': [`sss-agent-${issued.node}`],
      'authentication.kubernetes.io/pod-uid': [randomUUID()],
    };
    if (!issued.withoutNodeExtra) {
      extra['authentication.kubernetes.io/node-name'] = [issued.node];
      extra['authentication.kubernetes.io/node-uid'] = [randomUUID()];
    }
    return {
      authenticated: true,
      user: {
        username: `system:serviceaccount:${sa.namespace}:${sa.name}`,
        uid: randomUUID(),
        groups: ['system:serviceaccounts', `system:serviceaccounts:${sa.namespace}`, 'system:authenticated'],
        extra,
      },
      audiences: this.audienceUnaware ? [] : shared,
    };
  }
}
