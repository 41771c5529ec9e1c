import { createCipheriv, createDecipheriv, createHash, randomBytes } from 'node:crypto';
import type { Request, Response } from 'express';
import { AUTH_PATHS } from '@sss/contracts';
import type { OidcFlow } from '../../../application/ports/oidc-client.port';
import { cookieValue } from './session-cookie';

export const OIDC_FLOW_COOKIE = 'sss_oidc';
/** A login not finished within this time must start again. */
export const OIDC_FLOW_TTL_MS = 10 * 60_000;

/** A login in progress as the cookie holds it: until when it may finish (Unix ms). */
export interface SealedFlow extends OidcFlow {
  expiresAt: number;
}

/**
 * The state, nonce and PKCE verifier of a login in progress, kept by the
 * browser in a cookie sealed with AES-256-GCM (a key derived from the client
 * secret, so every replica opens it and nobody else can read or forge it).
 * SameSite=Lax, not Strict: the provider's redirect back is a cross-site
 * top-level GET, on which browsers send Lax cookies but not Strict ones.
 * The path limits it to the callback.
 */
export class OidcFlowCookie {
  private readonly key: Buffer;

  constructor(clientSecret: string) {
    this.key = createHash('sha256').update(`sss-oidc-flow\0${clientSecret}`).digest();
  }

  set(req: Request, res: Response, flow: OidcFlow, now: number): void {
    res.cookie(OIDC_FLOW_COOKIE, this.seal({ ...flow, expiresAt: now + OIDC_FLOW_TTL_MS }), {
      ...this.options(req),
      maxAge: OIDC_FLOW_TTL_MS,
    });
  }

  /** The login in progress, or why there is none usable: absent, tampered with, or expired. */
  take(req: Request, res: Response, now: number): OidcFlow | 'absent' | 'expired' {
    res.clearCookie(OIDC_FLOW_COOKIE, this.options(req));
    const value = cookieValue(req, OIDC_FLOW_COOKIE);
    const sealed = value ? this.open(value) : undefined;
    if (!sealed) return 'absent';
    if (now >= sealed.expiresAt) return 'expired';
    return { state: sealed.state, nonce: sealed.nonce, codeVerifier: sealed.codeVerifier };
  }

  /** The cookie's value: IV, GCM tag and ciphertext, base64url. */
  seal(flow: SealedFlow): string {
    const iv = randomBytes(12);
    const cipher = createCipheriv('aes-256-gcm', this.key, iv);
    const body = Buffer.concat([cipher.update(JSON.stringify(flow), 'utf8'), cipher.final()]);
    return Buffer.concat([iv, cipher.getAuthTag(), body]).toString('base64url');
  }

  /** What `seal` made with this key; undefined for anything else (forged, tampered with, garbage). */
  open(value: string): SealedFlow | undefined {
    const raw = Buffer.from(value, 'base64url');
    try {
      const decipher = createDecipheriv('aes-256-gcm', this.key, raw.subarray(0, 12));
      decipher.setAuthTag(raw.subarray(12, 28));
      return JSON.parse(Buffer.concat([decipher.update(raw.subarray(28)), decipher.final()]).toString('utf8')) as SealedFlow;
    } catch {
      return undefined;
    }
  }

  private options(req: Request) {
    return { httpOnly: true, sameSite: 'lax' as const, secure: req.secure, path: AUTH_PATHS.oidcCallback };
  }
}
