import { CanActivate, ExecutionContext, Inject, Injectable, UnauthorizedException } from '@nestjs/common';
import type { Request, Response } from 'express';
import { createHash, timingSafeEqual } from 'node:crypto';
import { bearerToken, RequestAuthenticator } from '../../../../accounts';
import { METRICS_CONFIG } from '../../../metrics-config.token';
import type { MetricsConfig } from '../../../../platform/config/dashboard-config';

/**
 * Lets a scrape through when metrics are public, or when it presents
 * `Authorization: Bearer <token>` with the configured metrics token or an
 * API token (any scope: read is enough).
 */
@Injectable()
export class ScrapeTokenGuard implements CanActivate {
  private readonly expected?: Buffer;

  constructor(
    @Inject(METRICS_CONFIG) private readonly config: MetricsConfig,
    private readonly authenticator: RequestAuthenticator,
  ) {
    this.expected = config.token === undefined ? undefined : digest(config.token);
  }

  async canActivate(context: ExecutionContext): Promise<boolean> {
    if (this.config.mode === 'public') return true;
    const http = context.switchToHttp();
    const req = http.getRequest<Request>();
    const presented = bearerToken(req);
    // Digests of equal length, compared in constant time: neither the token's length nor its prefix leaks.
    if (this.expected && presented !== undefined && timingSafeEqual(digest(presented), this.expected)) return true;
    if (presented !== undefined && (await this.authenticator.principal(req))) return true;
    http.getResponse<Response>().setHeader('WWW-Authenticate', 'Bearer realm="metrics"');
    throw new UnauthorizedException('a valid bearer token is required');
  }
}

function digest(token: string): Buffer {
  return createHash('sha256').update(token).digest();
}
