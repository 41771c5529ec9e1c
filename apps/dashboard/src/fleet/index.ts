// What other capabilities may use of the fleet.
export { FleetModule } from './fleet.module';
export { FleetEvents } from './application/fleet-events';
export type { AcceptedReport } from './application/report-intake';
export type { OnlineTransition } from './domain/server-registry';
