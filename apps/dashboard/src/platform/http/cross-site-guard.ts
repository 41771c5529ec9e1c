import type { NestExpressApplication } from '@nestjs/platform-express';
import type { ApiError } from '@sss/contracts';
import type { NextFunction, Request, Response } from 'express';
import { originCheck } from '../ws/origin-check';

/** Methods that change nothing (routes keep to that; test/dashboard/cross-site-requests checks it). */
const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * Cross-site request forgery, refused for every state-changing request
 * (POST, PUT, PATCH, DELETE, anything but GET/HEAD/OPTIONS) before routing:
 * - an `Origin` that is present and neither the dashboard's own nor one of
 *   `allowedOrigins` gets 403 (the rule of `/ws-frontend`, PROTOCOL.md section 2).
 *   Browsers send `Origin` on every such request; scripts without one pass.
 * - a body that is not `Content-Type: application/json` gets 415. A cross-site
 *   HTML form can only send form or text bodies, and a page's script can send
 *   JSON elsewhere only after a CORS preflight this server never grants. A
 *   request without a body (logout, a delete) needs no content type.
 * Call before any route, so that nothing parses a refused body.
 */
export function useCrossSiteGuard(app: NestExpressApplication, allowedOrigins: readonly string[]): void {
  const origin = originCheck(allowedOrigins);
  app.use((req: Request, res: Response, next: NextFunction) => {
    if (SAFE_METHODS.has(req.method)) return next();
    if (origin(req)) return refuse(res, 403, 'Forbidden', 'origin not allowed');
    if (hasBody(req) && !req.is('application/json')) {
      return refuse(res, 415, 'Unsupported Media Type', 'the body must be JSON (Content-Type: application/json)');
    }
    next();
  });
}

/** Node's own test: a request carries a body when it has a length above 0 or a transfer encoding. */
function hasBody(req: Request): boolean {
  return req.headers['transfer-encoding'] !== undefined || Number(req.headers['content-length'] ?? 0) > 0;
}

function refuse(res: Response, statusCode: number, error: string, message: string): void {
  const body: ApiError = { statusCode, error, message };
  res.status(statusCode).json(body);
}
