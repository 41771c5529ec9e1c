// What other capabilities and the platform may use of traffic accounting.
export { TrafficModule } from './traffic.module';
export { TrafficQuery } from './application/traffic-query';
