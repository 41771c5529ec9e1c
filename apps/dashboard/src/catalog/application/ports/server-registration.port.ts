import type { CatalogEntry, RegisteredVia } from './server-catalog.port';

export type { RegisteredVia } from './server-catalog.port';

/** What a registration gives: everything but the id is optional. */
export interface NewServer {
  id: string;
  name?: string;
  group?: string;
  countryCode?: string;
}

/** The id is already a configured, stored or being-registered server. */
export class ServerIdTakenError extends Error {
  constructor(readonly serverId: string) {
    super(`server id ${serverId} is already registered`);
  }
}

/**
 * Registers servers while the dashboard runs (the admin console, enrollment):
 * stored, admitted at once, no restart.
 */
export interface ServerRegistration {
  /**
   * Stores `server` with a fresh random secret and admits it; the secret is
   * returned this once and kept only hashed. Rejects with ServerIdTakenError
   * when the id is taken, including by a registration still in progress.
   */
  register(server: NewServer, via: RegisteredVia): Promise<{ entry: CatalogEntry; secret: string }>;
}

export const SERVER_REGISTRATION = Symbol('ServerRegistration');
