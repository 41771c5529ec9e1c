import { Injectable, OnApplicationBootstrap, OnModuleDestroy } from '@nestjs/common';
import type { Subscription } from 'rxjs';
import { FleetEvents } from '../../../../fleet';
import { HistoryRecorder } from '../../../application/history-recorder';

/** Feeds the live fleet's reports and transitions to the recorder. */
@Injectable()
export class FleetEventsListener implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly subscriptions: Subscription[] = [];

  constructor(
    private readonly fleet: FleetEvents,
    private readonly recorder: HistoryRecorder,
  ) {}

  /** After every module's init: the fleet has restored the servers it knew before the restart. */
  async onApplicationBootstrap(): Promise<void> {
    this.subscriptions.push(
      this.fleet.reports$.subscribe((r) => this.recorder.recordReport(r.serverId, r.info, r.at)),
      this.fleet.transitions$.subscribe((t) => this.recorder.recordTransition(t)),
    );
    await this.recorder.closeOpenIntervals(this.fleet.known().filter((s) => !s.online));
  }

  onModuleDestroy(): void {
    for (const s of this.subscriptions) s.unsubscribe();
  }
}
