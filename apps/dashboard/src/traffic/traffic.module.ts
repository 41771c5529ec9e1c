import { Module } from '@nestjs/common';
import { SERVER_CATALOG, type ServerCatalog } from '../catalog';
import { FleetModule } from '../fleet';
import { FleetReportsListener } from './adapters/inbound/events/fleet-reports.listener';
import { TrafficRemovalListener } from './adapters/inbound/events/traffic-removal.listener';
import { TrafficController } from './adapters/inbound/http/traffic.controller';
import { TrafficTimer } from './adapters/inbound/timers/traffic.timer';
import { TRAFFIC_STORE, type TrafficStore } from './application/ports/traffic-store.port';
import { TrafficLedger } from './application/traffic-ledger';
import { TrafficQuery } from './application/traffic-query';

/**
 * Traffic accounting: each server's sent and received bytes per UTC day,
 * counted from its reports' counters, summed into billing periods against
 * its quota (`servers[].traffic`). Always on, whether history is or not.
 */
@Module({
  imports: [FleetModule],
  controllers: [TrafficController],
  providers: [
    {
      provide: TrafficLedger,
      useFactory: (store: TrafficStore, catalog: ServerCatalog) => new TrafficLedger(store, catalog),
      inject: [TRAFFIC_STORE, SERVER_CATALOG],
    },
    {
      provide: TrafficQuery,
      useFactory: (store: TrafficStore, ledger: TrafficLedger, catalog: ServerCatalog) =>
        new TrafficQuery(store, ledger, catalog, Date.now),
      inject: [TRAFFIC_STORE, TrafficLedger, SERVER_CATALOG],
    },
    TrafficTimer,
    FleetReportsListener,
    TrafficRemovalListener,
  ],
  // TrafficQuery for /metrics.
  exports: [TrafficQuery],
})
export class TrafficModule {}
