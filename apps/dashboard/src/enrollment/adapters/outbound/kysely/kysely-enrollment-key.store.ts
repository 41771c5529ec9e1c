import type { Kysely, Selectable } from 'kysely';
import type { Database } from '../../../../platform/storage/database';
import type { EnrollmentKeyStore, StoredEnrollmentKey } from '../../../application/ports/enrollment-key-store.port';

type Row = Selectable<Database['enrollment_key']>;

/** EnrollmentKeyStore over Kysely (SQLite or PostgreSQL). */
export class KyselyEnrollmentKeyStore implements EnrollmentKeyStore {
  constructor(private readonly db: Kysely<Database>) {}

  async list(): Promise<StoredEnrollmentKey[]> {
    const rows = await this.db.selectFrom('enrollment_key').selectAll().orderBy('created_at').orderBy('id').execute();
    return rows.map(fromRow);
  }

  async insert(key: StoredEnrollmentKey): Promise<void> {
    await this.db.insertInto('enrollment_key').values(toRow(key)).execute();
  }

  async update(key: StoredEnrollmentKey): Promise<void> {
    const { id, ...fields } = toRow(key);
    await this.db.updateTable('enrollment_key').set(fields).where('id', '=', id).execute();
  }

  async delete(id: string): Promise<void> {
    await this.db.deleteFrom('enrollment_key').where('id', '=', id).execute();
  }
}

function toRow(k: StoredEnrollmentKey): Row {
  return {
    id: k.id,
    name: k.name,
    id_pattern: k.idPattern,
    grp: k.group ?? null,
    expires_at: k.expiresAt ?? null,
    revoked: k.revoked ? 1 : 0,
    secret_hash: k.secretHash,
    created_at: k.createdAt,
    created_by: k.createdBy,
  };
}

function fromRow(r: Row): StoredEnrollmentKey {
  return {
    id: r.id,
    name: r.name,
    idPattern: r.id_pattern,
    ...(r.grp !== null ? { group: r.grp } : {}),
    ...(r.expires_at !== null ? { expiresAt: Number(r.expires_at) } : {}),
    revoked: Number(r.revoked) === 1,
    secretHash: r.secret_hash,
    createdAt: Number(r.created_at),
    createdBy: r.created_by,
  };
}
