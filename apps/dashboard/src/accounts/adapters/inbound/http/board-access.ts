import { type CanActivate, type ExecutionContext, Inject, Injectable, UnauthorizedException } from '@nestjs/common';
import type { IncomingMessage } from 'node:http';
import { Accounts } from '../../../application/accounts';
import { ACCOUNTS_OPTIONS, type AccountsSettings } from '../../../accounts-settings';
import { sessionToken } from './session-cookie';

/** Who may see the board (`/ws-frontend`, `/api/servers*`): anyone when `board.public`, else a logged-in user. */
@Injectable()
export class BoardAccess implements CanActivate {
  constructor(
    private readonly accounts: Accounts,
    @Inject(ACCOUNTS_OPTIONS) private readonly settings: AccountsSettings,
  ) {}

  async allows(req: IncomingMessage): Promise<boolean> {
    return this.settings.publicBoard || (await this.accounts.authenticate(sessionToken(req))) !== undefined;
  }

  /** As an HTTP guard: 401 for a private board without a login. */
  async canActivate(context: ExecutionContext): Promise<boolean> {
    if (await this.allows(context.switchToHttp().getRequest<IncomingMessage>())) return true;
    throw new UnauthorizedException('authentication required');
  }
}
