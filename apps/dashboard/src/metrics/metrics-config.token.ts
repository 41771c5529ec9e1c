/** The metrics settings (MetricsConfig), token included: given to the metrics module alone. */
export const METRICS_CONFIG = Symbol('MetricsConfig');
