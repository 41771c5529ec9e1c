// What other capabilities may use of the catalog.
export { CatalogModule } from './catalog.module';
export { SERVER_CATALOG, type CatalogEntry, type ServerCatalog } from './application/ports/server-catalog.port';
export {
  SERVER_REGISTRATION,
  ServerIdTakenError,
  type NewServer,
  type RegisteredVia,
  type ServerRegistration,
} from './application/ports/server-registration.port';
export {
  LiveCatalog,
  ReadOnlyServerError,
  UnknownServerError,
  type CatalogChange,
  type StoredServerView,
} from './application/live-catalog';
export { PurgingRemovalListener, ServerRemovalListener } from './adapters/inbound/events/server-removal.listener';
export { HiddenServers } from './adapters/inbound/http/hidden-servers';
export type { SecretHasher } from './application/ports/secret-hasher.port';
export { NodeSecretHasher } from './adapters/outbound/crypto/node-secret.hasher';
export { SerialQueue } from './domain/serial-queue';
