import { Inject, Injectable, type OnApplicationBootstrap, type OnModuleDestroy } from '@nestjs/common';
import type { Log } from '@sss/log';
import { LOG } from '../../../../platform/logging/log.token';
import { AuditTrail } from '../../../application/audit-trail';

const EXPIRE_EVERY_MS = 3_600_000;

/** Deletes audit entries past admin.auditRetention at start and hourly, so the log stays bounded. */
@Injectable()
export class AuditExpiryTimer implements OnApplicationBootstrap, OnModuleDestroy {
  private timer?: NodeJS.Timeout;

  constructor(
    private readonly audit: AuditTrail,
    @Inject(LOG) private readonly log: Log,
  ) {}

  /** Not awaited: a locked database must not hold up the start. */
  onApplicationBootstrap(): void {
    void this.expire();
    this.timer = setInterval(() => void this.expire(), EXPIRE_EVERY_MS);
    this.timer.unref();
  }

  onModuleDestroy(): void {
    clearInterval(this.timer);
  }

  private async expire(): Promise<void> {
    try {
      const removed = await this.audit.expire();
      if (removed > 0) this.log.info('old audit entries removed', { removed });
    } catch (err) {
      this.log.warn('audit entries not expired: storage unavailable; trying again in an hour', { error: (err as Error).message });
    }
  }
}
