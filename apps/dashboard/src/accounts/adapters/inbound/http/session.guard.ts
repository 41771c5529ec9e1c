import {
  type CanActivate,
  type ExecutionContext,
  ForbiddenException,
  Injectable,
  SetMetadata,
  UnauthorizedException,
} from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { Request } from 'express';
import { Accounts } from '../../../application/accounts';
import type { Principal, Role } from '../../../domain/account';
import { sessionToken } from './session-cookie';

const REQUIRED_ROLE = 'sss:required-role';

/** The route needs a login; with 'admin', an admin's. */
export const RequireRole = (role: Role) => SetMetadata(REQUIRED_ROLE, role);

/** The principal SessionGuard found, for the route's handler. */
export function principalOf(req: Request): Principal {
  const principal = (req as Request & { principal?: Principal }).principal;
  if (!principal) throw new Error('principalOf: the route has no SessionGuard');
  return principal;
}

/** 401 without a valid session, 403 when the session's role is not enough. */
@Injectable()
export class SessionGuard implements CanActivate {
  constructor(
    private readonly accounts: Accounts,
    private readonly reflector: Reflector,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const req = context.switchToHttp().getRequest<Request & { principal?: Principal }>();
    const principal = await this.accounts.authenticate(sessionToken(req));
    if (!principal) throw new UnauthorizedException('authentication required');
    const role = this.reflector.getAllAndOverride<Role | undefined>(REQUIRED_ROLE, [context.getHandler(), context.getClass()]);
    if (role === 'admin' && principal.role !== 'admin') throw new ForbiddenException('this needs an admin');
    req.principal = principal;
    return true;
  }
}
