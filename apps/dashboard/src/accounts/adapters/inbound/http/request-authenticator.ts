import { Injectable } from '@nestjs/common';
import type { IncomingMessage } from 'node:http';
import { Accounts } from '../../../application/accounts';
import { ApiTokens } from '../../../application/api-tokens';
import type { Principal } from '../../../domain/account';
import { sessionToken } from './session-cookie';

const BEARER = /^Bearer (\S+)$/i;

/** The token of an `Authorization: Bearer <token>` header. */
export function bearerToken(req: IncomingMessage): string | undefined {
  return BEARER.exec(req.headers.authorization ?? '')?.[1];
}

/**
 * Who a request (or a WebSocket upgrade) is: an API token when it sends
 * `Authorization: Bearer`, else the session cookie. A bearer header decides
 * alone: a wrong token is not rescued by a cookie.
 */
@Injectable()
export class RequestAuthenticator {
  constructor(
    private readonly accounts: Accounts,
    private readonly tokens: ApiTokens,
  ) {}

  principal(req: IncomingMessage): Promise<Principal | undefined> {
    const bearer = bearerToken(req);
    return bearer !== undefined ? this.tokens.authenticate(bearer) : this.accounts.authenticate(sessionToken(req));
  }
}
