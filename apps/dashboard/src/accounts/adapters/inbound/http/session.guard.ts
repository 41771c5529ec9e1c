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
import type { Principal, Role } from '../../../domain/account';
import { clientAddress } from './client-address';
import { RequestAuthenticator } from './request-authenticator';

const REQUIRED_ROLE = 'sss:required-role';

/** The route needs a login; with 'admin', an admin's. */
export const RequireRole = (role: Role) => SetMetadata(REQUIRED_ROLE, role);

/** The principal SessionGuard found, for the route's handler. */
export function principalOf(req: Request): Principal {
  const principal = (req as Request & { principal?: Principal }).principal;
  if (!principal) throw new Error('principalOf: the route has no SessionGuard');
  return principal;
}

/** Who acts and from where, for the audit log. */
export function actorOf(req: Request): { name: string; remote: string } {
  return { name: principalOf(req).username, remote: clientAddress(req) };
}

/** 401 without a valid session or API token, 403 when its role is not enough. */
@Injectable()
export class SessionGuard implements CanActivate {
  constructor(
    private readonly authenticator: RequestAuthenticator,
    private readonly reflector: Reflector,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const req = context.switchToHttp().getRequest<Request & { principal?: Principal }>();
    const principal = await this.authenticator.principal(req);
    if (!principal) throw new UnauthorizedException('authentication required');
    const role = this.reflector.getAllAndOverride<Role | undefined>(REQUIRED_ROLE, [context.getHandler(), context.getClass()]);
    if (role === 'admin' && principal.role !== 'admin') throw new ForbiddenException('this needs an admin');
    req.principal = principal;
    return true;
  }
}
