import { CanActivate, ExecutionContext, Inject, Injectable, UnauthorizedException } from '@nestjs/common';
import type { Request, Response } from 'express';
import { createHash, timingSafeEqual } from 'node:crypto';
import { METRICS_CONFIG } from '../../../metrics-config.token';
import type { MetricsConfig } from '../../../../platform/config/dashboard-config';

const BEARER = /^Bearer (\S+)$/i;

/**
 * Lets a scrape through when metrics are public, or when it presents the
 * configured token as `Authorization: Bearer <token>`. Without a configured
 * token, token mode lets nothing through.
 */
@Injectable()
export class ScrapeTokenGuard implements CanActivate {
  private readonly expected?: Buffer;

  constructor(@Inject(METRICS_CONFIG) private readonly config: MetricsConfig) {
    this.expected = config.token === undefined ? undefined : digest(config.token);
  }

  canActivate(context: ExecutionContext): boolean {
    if (this.config.mode === 'public') return true;
    const http = context.switchToHttp();
    const presented = BEARER.exec(http.getRequest<Request>().headers.authorization ?? '')?.[1];
    // Digests of equal length, compared in constant time: neither the token's length nor its prefix leaks.
    if (this.expected && presented !== undefined && timingSafeEqual(digest(presented), this.expected)) return true;
    http.getResponse<Response>().setHeader('WWW-Authenticate', 'Bearer realm="metrics"');
    throw new UnauthorizedException(this.expected ? 'a valid bearer token is required' : 'no metrics token is configured');
  }
}

function digest(token: string): Buffer {
  return createHash('sha256').update(token).digest();
}
