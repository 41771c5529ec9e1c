import { Inject, Injectable, OnApplicationBootstrap, OnModuleDestroy } from '@nestjs/common';
import type { Log } from '@sss/log';
import type { Subscription } from 'rxjs';
import { FleetEvents } from '../../../../fleet';
import { DASHBOARD_CONFIG, type DashboardSettings } from '../../../../platform/config/dashboard-config';
import { LOG } from '../../../../platform/logging/log.token';
import { HistoryRecorder } from '../../../application/history-recorder';

/**
 * Feeds the live fleet's reports and transitions to the recorder; after a
 * start, closes the intervals a killed dashboard left open, once the other
 * replicas have had an offline threshold to show which servers they hold.
 */
@Injectable()
export class FleetEventsListener implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly subscriptions: Subscription[] = [];
  private closing?: NodeJS.Timeout;
  private readonly settleMs: number;

  constructor(
    private readonly fleet: FleetEvents,
    private readonly recorder: HistoryRecorder,
    @Inject(DASHBOARD_CONFIG) config: DashboardSettings,
    @Inject(LOG) private readonly log: Log,
  ) {
    this.settleMs = config.offlineAfterSeconds * 1000;
  }

  /** After every module's init: the fleet has restored the servers it knew before the restart. */
  onApplicationBootstrap(): void {
    this.subscriptions.push(
      this.fleet.reports$.subscribe((r) => this.recorder.recordReport(r.serverId, r.json, r.at)),
      this.fleet.transitions$.subscribe((t) => this.recorder.recordTransition(t)),
    );
    const startedAt = Date.now();
    const restored = this.fleet.known().filter((s) => !s.online);
    this.closing = setTimeout(() => {
      const online = new Set(this.fleet.known().flatMap((s) => (s.online ? [s.serverId] : [])));
      const servers = restored.map(({ serverId, lastSeen }) => ({ serverId, lastSeen, online: online.has(serverId) }));
      this.recorder.closeOpenIntervals(servers, startedAt).then(
        (closed) => this.log.info('intervals left open by the last stop checked', { servers: servers.length, closed }),
        (err: Error) =>
          this.log.warn('intervals left open by the last stop not checked; the next start tries again', { error: err.message }),
      );
    }, this.settleMs);
    this.closing.unref();
  }

  onModuleDestroy(): void {
    clearTimeout(this.closing);
    for (const s of this.subscriptions) s.unsubscribe();
  }
}
