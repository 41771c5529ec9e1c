import { Injectable, OnApplicationBootstrap, OnModuleDestroy } from '@nestjs/common';
import type { Subscription } from 'rxjs';
import { FleetEvents } from '../../../../fleet';
import { TrafficLedger } from '../../../application/traffic-ledger';

/** Feeds every accepted report to the traffic ledger. */
@Injectable()
export class FleetReportsListener implements OnApplicationBootstrap, OnModuleDestroy {
  private subscription?: Subscription;

  constructor(
    private readonly fleet: FleetEvents,
    private readonly ledger: TrafficLedger,
  ) {}

  /** After every module's init: the ledger has restored the stored counters (TrafficTimer). */
  onApplicationBootstrap(): void {
    this.subscription = this.fleet.reports$.subscribe((r) => this.ledger.record(r.serverId, r.info, r.at));
  }

  onModuleDestroy(): void {
    this.subscription?.unsubscribe();
  }
}
