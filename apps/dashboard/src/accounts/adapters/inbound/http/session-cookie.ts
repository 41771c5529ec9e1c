import { SESSION_COOKIE } from '@sss/contracts';
import type { IncomingMessage } from 'node:http';
import type { Request, Response } from 'express';

/** The session token from a request's Cookie header (also the WebSocket upgrade's). */
export function sessionToken(req: IncomingMessage): string | undefined {
  return cookieValue(req, SESSION_COOKIE);
}

/** The value of the cookie `name` in a request's Cookie header. */
export function cookieValue(req: IncomingMessage, name: string): string | undefined {
  for (const part of (req.headers.cookie ?? '').split(';')) {
    const eq = part.indexOf('=');
    if (eq > 0 && part.slice(0, eq).trim() === name) return part.slice(eq + 1).trim() || undefined;
  }
  return undefined;
}

/** HttpOnly (no script reads it), SameSite=Strict (no other site sends it), Secure when the page came over HTTPS. */
export function setSessionCookie(req: Request, res: Response, token: string, maxAgeMs: number): void {
  res.cookie(SESSION_COOKIE, token, { httpOnly: true, sameSite: 'strict', secure: req.secure, path: '/', maxAge: maxAgeMs });
}

export function clearSessionCookie(req: Request, res: Response): void {
  res.clearCookie(SESSION_COOKIE, { httpOnly: true, sameSite: 'strict', secure: req.secure, path: '/' });
}
