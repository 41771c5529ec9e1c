/** The dashboard's validated configuration (see README "Dashboard configuration"). */
export interface ServerEntryConfig {
  id: string;
  name?: string;
  /** Resolved from `secret`, `secretFile` or `secretEnv`. */
  secret: string;
  group?: string;
  countryCode?: string;
}

export interface DashboardConfig {
  host: string;
  port: number;
  offlineAfterSeconds: number;
  maxMessageBytes: number;
  idleTimeoutSeconds: number;
  /** A frontend whose unsent data passes this many bytes is disconnected. */
  frontendMaxBufferedBytes: number;
  servers: ServerEntryConfig[];
}

export const DASHBOARD_CONFIG = Symbol('DashboardConfig');
