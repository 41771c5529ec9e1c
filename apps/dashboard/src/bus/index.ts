// What other capabilities may use of the bus between replicas.
export { BusModule } from './bus.module';
export { EVENT_BUS, type EventBus, type EventBusStats, type FleetEvent, type RemoteFleetEvent } from './application/ports/event-bus.port';
export { Lease } from './application/lease';
export { REPLICA_ID } from './replica-id.token';
