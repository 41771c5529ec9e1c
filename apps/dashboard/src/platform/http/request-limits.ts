import type { NestExpressApplication } from '@nestjs/platform-express';
import type { Log } from '@sss/log';
import { RateLimiter } from '@sss/log';
import type { NextFunction, Request, Response } from 'express';
import type { Socket } from 'node:net';
import { KeyedTokenBuckets } from '../../fleet';
import type { ClientAddress } from './client-address';

/** Probes stay answerable whatever a client does: an orchestrator must see a busy dashboard alive. */
const PROBES = /^\/(healthz|readyz)$/;

export interface RequestLimits {
  httpRequestsPerSecond: number;
  pipelinedRequests: number;
}

/**
 * What one HTTP client may cost. Node parses every request a client
 * pipelines on a connection before the first is answered, and each waiting
 * request would hold its whole response: a connection with more than
 * `pipelinedRequests` waiting is cut (browsers never pipeline). Each client
 * address gets `httpRequestsPerSecond` (a burst of as many); beyond that it
 * (the client's, behind a trusted proxy) gets 429 with Retry-After, except on the probes. Both are logged at most
 * once per address every 10 s, the repeats counted. Call before any route.
 */
export function useRequestLimits(app: NestExpressApplication, limits: RequestLimits, clientAddress: ClientAddress, parentLog: Log): void {
  const log = parentLog.child('RequestLimits');
  const warnings = new RateLimiter(10_000);
  const warn = (msg: string, remote: string, fields: Record<string, unknown>) => {
    const suppressed = warnings.take(`${remote} ${msg}`);
    if (suppressed >= 0) log.warn(msg, { remote, ...fields, ...(suppressed ? { suppressed } : {}) });
  };
  const waiting = new WeakMap<Socket, number>();
  const buckets = new KeyedTokenBuckets(limits.httpRequestsPerSecond);
  app.use((req: Request, res: Response, next: NextFunction) => {
    const socket = req.socket;
    if (socket.destroyed) return; // cut below: the rest of what it pipelined is not served
    const remote = clientAddress.of(req);
    const pending = (waiting.get(socket) ?? 0) + 1;
    if (pending > limits.pipelinedRequests) {
      warn('connection cut: too many pipelined requests', remote, { limit: limits.pipelinedRequests });
      socket.destroy();
      return;
    }
    waiting.set(socket, pending);
    res.once('close', () => waiting.set(socket, (waiting.get(socket) ?? 1) - 1));
    if (PROBES.test(req.path) || buckets.take(remote, Date.now())) return next();
    warn('requests over the rate limit refused', remote, { perSecond: limits.httpRequestsPerSecond });
    res.status(429).set('Retry-After', '1').type('text/plain').send('Too many requests; try again in 1 s.\n');
  });
}
