import type { Kysely } from 'kysely';
import type { Database } from '../../../../platform/storage/database';
import type { LeaseStore } from '../../../application/ports/lease-store.port';

/**
 * Leases as rows of `replica_lease` in the shared database. Taking one is a
 * single upsert that changes the row only when it is free, expired or the
 * caller's own, so of two replicas racing for it exactly one gets a row back.
 */
export class KyselyLeaseStore implements LeaseStore {
  constructor(private readonly db: Kysely<Database>) {}

  async acquire(name: string, holder: string, now: number, until: number): Promise<boolean> {
    const row = await this.db
      .insertInto('replica_lease')
      .values({ name, holder, expires_at: until })
      .onConflict((oc) =>
        oc
          .column('name')
          .doUpdateSet({ holder, expires_at: until })
          .where((eb) => eb.or([eb('replica_lease.holder', '=', holder), eb('replica_lease.expires_at', '<', now)])),
      )
      .returning('holder')
      .executeTakeFirst();
    return row !== undefined;
  }

  async release(name: string, holder: string): Promise<void> {
    await this.db.deleteFrom('replica_lease').where('name', '=', name).where('holder', '=', holder).execute();
  }
}
