import { CLUSTER_GLOBAL } from './global-setup';
import type { PostgresCluster } from './postgres-cluster';

/** Stops the PostgreSQL cluster global-setup.ts started (none when the run was given TEST_POSTGRES_URL). */
export default async function globalTeardown(): Promise<void> {
  await ((globalThis as Record<string, unknown>)[CLUSTER_GLOBAL] as PostgresCluster | undefined)?.stop();
}
