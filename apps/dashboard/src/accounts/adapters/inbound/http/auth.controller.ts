import {
  Body,
  Controller,
  ForbiddenException,
  Get,
  HttpCode,
  HttpException,
  HttpStatus,
  Inject,
  Post,
  Req,
  Res,
  UseGuards,
} from '@nestjs/common';
import {
  ApiConflictResponse,
  ApiForbiddenResponse,
  ApiNoContentResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
  ApiTooManyRequestsResponse,
  ApiUnauthorizedResponse,
} from '@nestjs/swagger';
import { AUTH_PATHS, type AccountResponse, type OidcStatus } from '@sss/contracts';
import type { Request, Response } from 'express';
import { ApiErrorDto } from '../../../../platform/http/api-error.dto';
import { ClientAddress } from '../../../../platform/http/client-address';
import { Accounts, type LoginResult } from '../../../application/accounts';
import { ACCOUNTS_OPTIONS, type AccountsSettings } from '../../../accounts-settings';
import { AccountDto, LoginDto, OidcStatusDto, PasswordChangeDto, SetupDto } from './auth.dto';
import { clientAddress } from './client-address';
import { clearSessionCookie, sessionToken, setSessionCookie } from './session-cookie';
import { principalOf, SessionGuard } from './session.guard';

/** Login, logout, the first admin's setup and password changes (README "Accounts"). */
@ApiTags('accounts')
@Controller()
export class AuthController {
  constructor(
    private readonly accounts: Accounts,
    @Inject(ACCOUNTS_OPTIONS) private readonly settings: AccountsSettings,
    private readonly clientAddress: ClientAddress,
  ) {}

  @Post(AUTH_PATHS.login)
  @HttpCode(HttpStatus.OK)
  @ApiOperation({ summary: 'Logs in: sets the session cookie.' })
  @ApiOkResponse({ type: AccountDto })
  @ApiUnauthorizedResponse({ type: ApiErrorDto, description: 'Wrong username or password.' })
  @ApiTooManyRequestsResponse({
    type: ApiErrorDto,
    description: 'Too many failed logins from this address or for this account; Retry-After says when to try again.',
  })
  async login(@Body() body: LoginDto, @Req() req: Request, @Res({ passthrough: true }) res: Response): Promise<AccountResponse> {
    return this.started(await this.accounts.login(body.username, body.password, this.clientAddress.of(req)), req, res);
  }

  @Post(AUTH_PATHS.setup)
  @HttpCode(HttpStatus.OK)
  @ApiOperation({ summary: 'Creates the first admin with the one-time token the dashboard printed at start, and logs in.' })
  @ApiOkResponse({ type: AccountDto })
  @ApiForbiddenResponse({ type: ApiErrorDto, description: 'The token is not (or no longer) valid.' })
  async setup(@Body() body: SetupDto, @Req() req: Request, @Res({ passthrough: true }) res: Response): Promise<AccountResponse> {
    const result = await this.accounts.setup(body.token, body.username, body.password, this.clientAddress.of(req));
    if (result.outcome === 'invalid') {
      throw new ForbiddenException(
        'this setup link is not valid: it was used already, or the dashboard restarted (its log shows a new one)',
      );
    }
    return this.started(result, req, res);
  }

  @Post(AUTH_PATHS.logout)
  @HttpCode(HttpStatus.NO_CONTENT)
  @ApiOperation({ summary: 'Ends this session.' })
  @ApiNoContentResponse({ description: 'Logged out (also when there was no session).' })
  async logout(@Req() req: Request, @Res({ passthrough: true }) res: Response): Promise<void> {
    await this.accounts.logout(sessionToken(req));
    clearSessionCookie(req, res);
  }

  @Get(AUTH_PATHS.me)
  @UseGuards(SessionGuard)
  @ApiOperation({ summary: 'Who this session belongs to.' })
  @ApiOkResponse({ type: AccountDto })
  @ApiUnauthorizedResponse({ type: ApiErrorDto, description: 'Not logged in.' })
  me(@Req() req: Request): AccountResponse {
    return principalOf(req);
  }

  @Get(AUTH_PATHS.oidc)
  @ApiOperation({ summary: 'Whether OpenID Connect login is configured, and the name the login button shows.' })
  @ApiOkResponse({ type: OidcStatusDto })
  oidc(): OidcStatus {
    const oidc = this.settings.oidc;
    return oidc ? { enabled: true, displayName: oidc.displayName } : { enabled: false };
  }

  @Post(AUTH_PATHS.password)
  @HttpCode(HttpStatus.NO_CONTENT)
  @UseGuards(SessionGuard)
  @ApiOperation({ summary: "Changes this user's password; every session of the user ends, this one included." })
  @ApiUnauthorizedResponse({ type: ApiErrorDto, description: 'Not logged in.' })
  @ApiNoContentResponse({ description: 'Changed; every session of the user ended.' })
  @ApiForbiddenResponse({ type: ApiErrorDto, description: 'The current password is wrong.' })
  @ApiConflictResponse({ type: ApiErrorDto, description: "The config file's admin: its password is set there." })
  async password(@Body() body: PasswordChangeDto, @Req() req: Request, @Res({ passthrough: true }) res: Response): Promise<void> {
    const outcome = await this.accounts.changePassword(principalOf(req).username, body.current, body.next, clientAddress(req));
    if (outcome === 'wrong-password') throw new ForbiddenException('the current password is wrong');
    if (outcome === 'set-in-config')
      throw new HttpException("this admin's password is set in the config file (admin.passwordHash)", HttpStatus.CONFLICT);
    clearSessionCookie(req, res);
  }

  private started(result: LoginResult, req: Request, res: Response): AccountResponse {
    if (result.outcome === 'throttled') {
      res.setHeader('Retry-After', String(result.retryAfterSeconds));
      throw new HttpException(`too many failed logins: try again in ${result.retryAfterSeconds} s`, HttpStatus.TOO_MANY_REQUESTS);
    }
    if (result.outcome === 'invalid') throw new HttpException('wrong username or password', HttpStatus.UNAUTHORIZED);
    setSessionCookie(req, res, result.token, this.settings.limits.maxMs);
    return result.principal;
  }
}
