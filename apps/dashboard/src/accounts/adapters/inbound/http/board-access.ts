import { type CanActivate, type ExecutionContext, Inject, Injectable, UnauthorizedException } from '@nestjs/common';
import type { Request } from 'express';
import type { IncomingMessage } from 'node:http';
import { HiddenServers } from '../../../../catalog';
import { unknownServer } from '../../../../platform/http/server-id.params';
import { ACCOUNTS_OPTIONS, type AccountsSettings } from '../../../accounts-settings';
import { RequestAuthenticator } from './request-authenticator';

/** Who is looking at the board; signed-in users also see the servers an admin marked hidden. */
export interface BoardViewer {
  signedIn: boolean;
}

/**
 * Who may see the board (`/ws-frontend`, `/api/servers*` and the other
 * per-server reads): anyone when `board.public`, else a logged-in user or an API token.
 * Hidden servers are for logged-in users only: to anyone else they do not exist.
 */
@Injectable()
export class BoardAccess implements CanActivate {
  constructor(
    private readonly authenticator: RequestAuthenticator,
    private readonly hidden: HiddenServers,
    @Inject(ACCOUNTS_OPTIONS) private readonly settings: AccountsSettings,
  ) {}

  /** The viewer, or undefined when the board is private and nobody is logged in. */
  async viewer(req: IncomingMessage): Promise<BoardViewer | undefined> {
    const signedIn = (await this.authenticator.principal(req)) !== undefined;
    return this.settings.publicBoard || signedIn ? { signedIn } : undefined;
  }

  /** As an HTTP guard: 401 for a private board without a login, 404 for a hidden server's `:id` without one. */
  async canActivate(context: ExecutionContext): Promise<boolean> {
    const req = context.switchToHttp().getRequest<Request & { boardViewer?: BoardViewer }>();
    const viewer = await this.viewer(req);
    if (!viewer) throw new UnauthorizedException('authentication required');
    const id = (req.params as Record<string, string | undefined>).id;
    if (id !== undefined && !viewer.signedIn && this.hidden.isHidden(id)) throw unknownServer(id);
    req.boardViewer = viewer;
    return true;
  }
}

/** Whether the request BoardAccess let through may see hidden servers. */
export function seesHidden(req: Request): boolean {
  return (req as Request & { boardViewer?: BoardViewer }).boardViewer?.signedIn === true;
}
