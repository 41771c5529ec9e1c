// What other capabilities may use of the fleet.
export { FleetModule } from './fleet.module';
