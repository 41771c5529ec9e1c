import { type CanActivate, type ExecutionContext, ForbiddenException, Inject, Injectable } from '@nestjs/common';
import type { IncomingMessage } from 'node:http';
import { DASHBOARD_CONFIG, type DashboardSettings } from '../config/dashboard-config';
import { originCheck } from '../ws/origin-check';
import type { UpgradeVerifier } from '../ws/upgrade-verifier';

/**
 * Cross-site request forgery stops here: a state-changing request whose
 * `Origin` is present and neither the dashboard's own nor one of
 * `frontendAllowedOrigins` gets 403, by the same rule as /ws-frontend's
 * upgrades. Browsers send `Origin` on every POST, PATCH and DELETE; scripts
 * that send none (with an API token) pass. Reads are not checked: they change nothing.
 */
@Injectable()
export class SameOriginGuard implements CanActivate {
  private readonly check: UpgradeVerifier;

  constructor(@Inject(DASHBOARD_CONFIG) settings: DashboardSettings) {
    this.check = originCheck(settings.frontendAllowedOrigins);
  }

  canActivate(context: ExecutionContext): boolean {
    const req = context.switchToHttp().getRequest<IncomingMessage>();
    if (req.method === 'GET' || req.method === 'HEAD' || !this.check(req)) return true;
    throw new ForbiddenException('origin not allowed');
  }
}
