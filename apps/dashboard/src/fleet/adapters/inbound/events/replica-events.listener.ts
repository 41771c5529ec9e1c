import { Inject, Injectable, OnModuleDestroy, OnModuleInit } from '@nestjs/common';
import type { Subscription } from 'rxjs';
import { EVENT_BUS, type EventBus } from '../../../../bus';
import { ReplicaSync } from '../../../application/replica-sync';

/** The other replicas' fleet events, from the bus to this replica's fleet. */
@Injectable()
export class ReplicaEventsListener implements OnModuleInit, OnModuleDestroy {
  private subscription?: Subscription;

  constructor(
    @Inject(EVENT_BUS) private readonly bus: EventBus,
    private readonly sync: ReplicaSync,
  ) {}

  onModuleInit(): void {
    this.subscription = this.bus.received$.subscribe((event) => this.sync.apply(event));
  }

  onModuleDestroy(): void {
    this.subscription?.unsubscribe();
    this.sync.stop();
  }
}
