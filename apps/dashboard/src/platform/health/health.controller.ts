import { Controller, Get, HttpCode, HttpStatus, ServiceUnavailableException } from '@nestjs/common';
import { Readiness } from './readiness';

/** Liveness and readiness probes (Kubernetes, load balancers, scripts). */
@Controller()
export class HealthController {
  constructor(private readonly readiness: Readiness) {}

  /** The process is up and serving HTTP. */
  @Get('healthz')
  @HttpCode(HttpStatus.OK)
  healthz(): { status: 'ok' } {
    return { status: 'ok' };
  }

  /** Storage open and the port listening; 503 before that and during shutdown. */
  @Get('readyz')
  readyz(): { status: 'ready' } {
    if (!this.readiness.ready) throw new ServiceUnavailableException({ status: 'not ready' });
    return { status: 'ready' };
  }
}
