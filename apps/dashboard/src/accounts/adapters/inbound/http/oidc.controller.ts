import { Controller, Get, HttpStatus, Inject, Req, Res } from '@nestjs/common';
import { ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import { AUTH_PATHS } from '@sss/contracts';
import { Log, RateLimiter } from '@sss/log';
import type { Request, Response } from 'express';
import { LOG } from '../../../../platform/logging/log.token';
import { ACCOUNTS_OPTIONS, type AccountsSettings } from '../../../accounts-settings';
import { OidcLogin } from '../../../application/oidc-login';
import { OidcError } from '../../../application/ports/oidc-client.port';
import { OIDC_FLOW_TTL_MS, OidcFlowCookie } from './oidc-flow-cookie';
import { clientAddress } from './client-address';
import { setSessionCookie } from './session-cookie';

/**
 * OpenID Connect login (README "Accounts"), registered when `oidc` is
 * configured. Both routes are browser navigations, so failures answer a
 * short page with the reason and a way back rather than JSON.
 */
@ApiTags('accounts')
@Controller()
export class OidcController {
  /** A provider that is down fails every login: the operator hears of it once a minute, with a count. */
  private readonly unavailableLog = new RateLimiter(60_000);

  constructor(
    private readonly login: OidcLogin,
    private readonly flowCookie: OidcFlowCookie,
    @Inject(ACCOUNTS_OPTIONS) private readonly settings: AccountsSettings,
    @Inject(LOG) private readonly log: Log,
  ) {}

  @Get(AUTH_PATHS.oidcLogin)
  @ApiOperation({ summary: 'Starts an OpenID Connect login: redirects to the provider (authorization code, PKCE, state, nonce).' })
  @ApiResponse({ status: HttpStatus.FOUND, description: 'To the provider.' })
  @ApiResponse({ status: HttpStatus.SERVICE_UNAVAILABLE, description: 'The provider cannot be reached.' })
  async start(@Req() req: Request, @Res() res: Response): Promise<void> {
    try {
      const { url, flow } = await this.login.begin(this.redirectUri(req));
      this.flowCookie.set(req, res, flow, Date.now());
      res.redirect(HttpStatus.FOUND, url);
    } catch (err) {
      if (!(err instanceof OidcError)) throw err;
      this.unavailable(err);
      failurePage(res, HttpStatus.SERVICE_UNAVAILABLE, `Sign-in is unavailable for now: ${err.message}. Try again later.`);
    }
  }

  @Get(AUTH_PATHS.oidcCallback)
  @ApiOperation({ summary: "The provider's redirect back: checks it, starts the session and redirects to /." })
  @ApiResponse({ status: HttpStatus.FOUND, description: 'Signed in: to /, with the session cookie.' })
  @ApiResponse({ status: HttpStatus.BAD_REQUEST, description: 'No login in progress, expired, forged (state) or refused by the provider.' })
  @ApiResponse({ status: HttpStatus.FORBIDDEN, description: 'The user has no role here, or a local user has the name.' })
  @ApiResponse({ status: HttpStatus.BAD_GATEWAY, description: 'The provider cannot be reached.' })
  async callback(@Req() req: Request, @Res() res: Response): Promise<void> {
    const flow = this.flowCookie.take(req, res, Date.now());
    if (flow === 'absent') {
      return failurePage(
        res,
        HttpStatus.BAD_REQUEST,
        'No sign-in is in progress in this browser (it finished already, or began elsewhere).',
      );
    }
    if (flow === 'expired') {
      return failurePage(res, HttpStatus.BAD_REQUEST, `This sign-in took longer than ${OIDC_FLOW_TTL_MS / 60_000} minutes.`);
    }
    if (req.query.state !== flow.state) {
      return failurePage(res, HttpStatus.BAD_REQUEST, 'This answer does not belong to the sign-in this browser began (state mismatch).');
    }
    const callbackUrl = new URL(this.redirectUri(req) + req.originalUrl.slice(req.path.length));
    try {
      const result = await this.login.finish(callbackUrl, flow, clientAddress(req));
      const { roleClaim } = this.settings.oidc!;
      switch (result.outcome) {
        case 'ok':
          setSessionCookie(req, res, result.token, this.settings.limits.maxMs);
          return res.redirect(HttpStatus.FOUND, '/');
        case 'no-identity':
          return failurePage(res, HttpStatus.BAD_REQUEST, 'The provider named no user (no username claim and no sub).');
        case 'no-role':
          return failurePage(
            res,
            HttpStatus.FORBIDDEN,
            `${result.username} has no role on this dashboard: the claim ${roleClaim} holds none of the values configured for admins or viewers.`,
          );
        case 'taken':
          return failurePage(
            res,
            HttpStatus.FORBIDDEN,
            `${result.username} is a local user of this dashboard, who signs in with a password.`,
          );
      }
    } catch (err) {
      if (!(err instanceof OidcError)) throw err;
      if (err.kind === 'unavailable') this.unavailable(err);
      failurePage(res, err.kind === 'unavailable' ? HttpStatus.BAD_GATEWAY : HttpStatus.BAD_REQUEST, `${err.message}.`);
    }
  }

  /** The callback as the provider knows it: from `publicUrl`, else the request's own scheme and Host. */
  private unavailable(err: OidcError): void {
    const suppressed = this.unavailableLog.take('provider');
    if (suppressed >= 0) this.log.warn('OpenID Connect provider unavailable', { error: err.message, suppressed });
  }

  private redirectUri(req: Request): string {
    return `${this.settings.publicUrl ?? `${req.protocol}://${req.get('host')}`}${AUTH_PATHS.oidcCallback}`;
  }
}

/** A page saying why the sign-in failed, with links to start again. */
function failurePage(res: Response, status: number, reason: string): void {
  res
    .status(status)
    .type('html')
    .send(
      `<!doctype html><meta charset="utf-8"><title>Sign-in failed</title>` +
        `<h1>Sign-in failed</h1><p id="reason">${escapeHtml(reason)}</p>` +
        `<p><a href="${AUTH_PATHS.oidcLogin}">Sign in again</a> · <a href="/login">Back to the login page</a></p>`,
    );
}

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}
