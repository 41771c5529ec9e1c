import type { TrafficPlan } from '@sss/contracts';
import type { Kysely, Selectable } from 'kysely';
import type { Database } from '../../../../platform/storage/database';
import type { CatalogStore, StoredServer } from '../../../application/ports/catalog-store.port';
import type { RegisteredVia } from '../../../application/ports/server-registration.port';

type Row = Selectable<Database['catalog_server']>;

/** CatalogStore over Kysely (SQLite or PostgreSQL). */
export class KyselyCatalogStore implements CatalogStore {
  constructor(private readonly db: Kysely<Database>) {}

  async list(): Promise<StoredServer[]> {
    const rows = await this.db.selectFrom('catalog_server').selectAll().orderBy('weight').orderBy('id').execute();
    return rows.map(fromRow);
  }

  async insert(server: StoredServer): Promise<void> {
    await this.db.insertInto('catalog_server').values(toRow(server)).execute();
  }

  async update(server: StoredServer): Promise<void> {
    const { id, ...fields } = toRow(server);
    await this.db.updateTable('catalog_server').set(fields).where('id', '=', id).execute();
  }

  async delete(id: string): Promise<void> {
    await this.db.deleteFrom('catalog_server').where('id', '=', id).execute();
  }

  async groupOrder(): Promise<string[]> {
    const rows = await this.db.selectFrom('catalog_group_order').select('name').orderBy('position').execute();
    return rows.map((r) => r.name);
  }

  async setGroupOrder(groups: readonly string[]): Promise<void> {
    await this.db.transaction().execute(async (trx) => {
      await trx.deleteFrom('catalog_group_order').execute();
      if (groups.length)
        await trx
          .insertInto('catalog_group_order')
          .values(groups.map((name, position) => ({ name, position })))
          .execute();
    });
  }
}

function toRow(s: StoredServer): Row {
  return {
    id: s.id,
    name: s.name ?? null,
    grp: s.group ?? null,
    country_code: s.countryCode ?? null,
    tags: JSON.stringify(s.tags),
    hidden: s.hidden ? 1 : 0,
    notes: s.notes ?? null,
    traffic: s.traffic ? JSON.stringify(s.traffic) : null,
    weight: s.weight,
    via: s.via,
    secret_hash: s.secretHash,
    created_at: s.createdAt,
  };
}

function fromRow(r: Row): StoredServer {
  return {
    id: r.id,
    ...(r.name !== null ? { name: r.name } : {}),
    ...(r.grp !== null ? { group: r.grp } : {}),
    ...(r.country_code !== null ? { countryCode: r.country_code } : {}),
    tags: JSON.parse(r.tags) as string[],
    hidden: Number(r.hidden) === 1,
    ...(r.notes !== null ? { notes: r.notes } : {}),
    ...(r.traffic !== null ? { traffic: JSON.parse(r.traffic) as TrafficPlan } : {}),
    weight: Number(r.weight),
    via: r.via as RegisteredVia,
    secretHash: r.secret_hash,
    createdAt: Number(r.created_at),
  };
}
