// What other capabilities may use of the fleet.
export { FleetModule } from './fleet.module';
export { AgentSessions } from './application/agent-sessions';
export { FleetStats, type FleetStatsSnapshot } from './application/fleet-stats';
export { FleetEvents } from './application/fleet-events';
export { FleetReadings, type ServerReading } from './application/fleet-readings';
export type { AcceptedReport } from './application/report-intake';
export type { OnlineTransition } from './domain/server-registry';
