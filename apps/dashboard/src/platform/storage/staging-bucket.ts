/** How many buckets history_staging spreads servers over. Stored with every row: changing it needs a migration. */
export const STAGING_BUCKETS = 64;

/**
 * The history_staging bucket of a server: FNV-1a of its id's UTF-16 code units. Rows are keyed by (bucket, at,
 * server), so each second's reports land at the end of a few dozen key ranges, not one per server scattered over
 * the whole table (which made every insert dirty a page of its own). The value is stored: never change it.
 */
export function stagingBucket(serverId: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < serverId.length; i++) hash = Math.imul(hash ^ serverId.charCodeAt(i), 0x01000193);
  return (hash >>> 0) % STAGING_BUCKETS;
}
