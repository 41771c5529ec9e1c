import { DynamicModule, Module } from '@nestjs/common';
import type { Log } from '@sss/log';
import { randomBytes } from 'node:crypto';
import { hostname } from 'node:os';
import type { BusConfig } from '../platform/config/dashboard-config';
import { LOG } from '../platform/logging/log.token';
import type { Stores } from '../platform/storage/open-stores';
import { STORES } from '../platform/storage/storage.module';
import { LeaseTimer } from './adapters/inbound/timers/lease.timer';
import { MemoryEventBus } from './adapters/outbound/memory/memory-event.bus';
import { SoleReplicaLeaseStore } from './adapters/outbound/memory/sole-replica-lease.store';
import { RedisEventBus } from './adapters/outbound/redis/redis-event.bus';
import { Lease } from './application/lease';
import { EVENT_BUS, type EventBus } from './application/ports/event-bus.port';
import { LEASE_STORE, type LeaseStore } from './application/ports/lease-store.port';
import { LEASE_TTL_MS } from './lease-timing';
import { REPLICA_ID } from './replica-id.token';

/**
 * What the replicas of one deployment share: the event bus that carries each
 * one's live fleet to the others (Redis when `bus.url` is set, else nothing
 * leaves the process), and the lease on the jobs that must run once (a row in
 * PostgreSQL; with SQLite the dashboard is the only one and always holds it).
 * Global: the fleet, history, /api/stats and /metrics use it.
 */
@Module({})
export class BusModule {
  static register(config: BusConfig): DynamicModule {
    const replicaId = `${hostname()}-${randomBytes(4).toString('hex')}`;
    return {
      module: BusModule,
      global: true,
      providers: [
        { provide: REPLICA_ID, useValue: replicaId },
        {
          provide: EVENT_BUS,
          useFactory: (log: Log): EventBus =>
            config.url
              ? new RedisEventBus({ url: config.url, channel: config.channel, origin: replicaId }, log)
              : new MemoryEventBus(replicaId),
          inject: [LOG],
        },
        {
          provide: LEASE_STORE,
          useFactory: (stores: Stores): LeaseStore => (stores.engine === 'sqlite' ? new SoleReplicaLeaseStore() : stores.lease),
          inject: [STORES],
        },
        {
          provide: Lease,
          useFactory: (store: LeaseStore) => new Lease(store, { name: 'jobs', holder: replicaId, ttlMs: LEASE_TTL_MS, now: Date.now }),
          inject: [LEASE_STORE],
        },
        LeaseTimer,
      ],
      exports: [REPLICA_ID, EVENT_BUS, Lease],
    };
  }
}
