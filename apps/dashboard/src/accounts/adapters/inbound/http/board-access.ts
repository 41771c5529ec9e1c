import { type CanActivate, type ExecutionContext, Inject, Injectable, UnauthorizedException } from '@nestjs/common';
import type { IncomingMessage } from 'node:http';
import { ACCOUNTS_OPTIONS, type AccountsSettings } from '../../../accounts-settings';
import { RequestAuthenticator } from './request-authenticator';

/** Who may see the board (`/ws-frontend`, `/api/servers*`): anyone when `board.public`, else a logged-in user or an API token. */
@Injectable()
export class BoardAccess implements CanActivate {
  constructor(
    private readonly authenticator: RequestAuthenticator,
    @Inject(ACCOUNTS_OPTIONS) private readonly settings: AccountsSettings,
  ) {}

  async allows(req: IncomingMessage): Promise<boolean> {
    return this.settings.publicBoard || (await this.authenticator.principal(req)) !== undefined;
  }

  /** As an HTTP guard: 401 for a private board without a login. */
  async canActivate(context: ExecutionContext): Promise<boolean> {
    if (await this.allows(context.switchToHttp().getRequest<IncomingMessage>())) return true;
    throw new UnauthorizedException('authentication required');
  }
}
