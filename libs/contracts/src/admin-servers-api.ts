import type { TrafficPlan } from './traffic-api';

/** The server management API (README "Server management"), admin only. */
export const ADMIN_SERVERS_PATH = '/api/admin/servers';

/** A server as the admin console lists it; `config` ones are read-only here (changed in the config file). */
export interface AdminServer {
  serverId: string;
  source: 'config' | 'stored';
  /** How a stored server was registered. */
  via?: 'admin' | 'key' | 'kubernetes';
  name?: string;
  group?: string;
  countryCode?: string;
  tags: string[];
  hidden: boolean;
  notes?: string;
  traffic?: TrafficPlan;
  /** Board order among stored servers: lower first. */
  weight: number;
  /** Unix ms; stored servers only. */
  createdAt?: number;
}

/** Fields an admin sets on a stored server; null clears an optional one. */
export interface AdminServerEdit {
  name?: string | null;
  group?: string | null;
  countryCode?: string | null;
  tags?: string[];
  hidden?: boolean;
  notes?: string | null;
  traffic?: TrafficPlan | null;
  weight?: number;
}

export interface AdminServerCreate extends AdminServerEdit {
  serverId: string;
}

/** Ready commands that start an agent for a server with its secret. */
export interface InstallCommands {
  systemd: string;
  container: string;
}

/** The answer to adding a server or rotating its secret: the secret is shown this once. */
export interface AdminServerSecret {
  server: AdminServer;
  secret: string;
  install: InstallCommands;
}

/** `GET` and `POST` (the whole order, `GroupOrder`) set the board's order of groups. */
export const ADMIN_GROUP_ORDER_PATH = '/api/admin/groups/order';

/** `DELETE /api/admin/servers/:id?history=keep|purge`. */
export type HistoryOnDelete = 'keep' | 'purge';

/** `GET /api/admin/connections`: who is connected now. */
export const ADMIN_CONNECTIONS_PATH = '/api/admin/connections';

export interface AgentConnectionView {
  serverId: string;
  /** The server's name in the catalog, when it has one. */
  name?: string;
  /** The agent's address as the dashboard sees it. */
  remote: string;
  /** Unix ms. */
  connectedAt: number;
  /** Reports accepted on this connection. */
  reports: number;
  agentVersion?: string;
  /** Why its last refused frame was refused (Unix ms `at`). */
  lastError?: { at: number; reason: string };
}

export interface ConnectionsResponse {
  agents: AgentConnectionView[];
  /** /ws-frontend clients connected now. */
  frontends: number;
}
