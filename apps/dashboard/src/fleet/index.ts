// What other capabilities may use of the fleet.
export { FleetModule } from './fleet.module';
export { AgentSessions } from './application/agent-sessions';
export { FleetStats, type FleetStatsSnapshot } from './application/fleet-stats';
