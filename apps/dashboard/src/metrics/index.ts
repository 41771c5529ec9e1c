// What the application module composes of metrics.
export { MetricsModule } from './metrics.module';
