/**
 * Whether the dashboard should get traffic (GET /readyz): once its storage
 * answered and its port listens, until shutdown starts.
 */
export class Readiness {
  /** Set by bootstrap once the port listens. */
  listening = false;
  /** Set by the storage module once the database is open (migrated and answering). */
  storageOpen = false;
  /** Set by bootstrap when shutdown starts: load balancers stop sending new connections. */
  stopping = false;

  get ready(): boolean {
    return this.listening && this.storageOpen && !this.stopping;
  }
}
