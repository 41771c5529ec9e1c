import { CLUSTER_GLOBAL } from './global-setup';
import { findLeaks, LEAK_DIR_ENV, stopWitnessing } from './leak-witness';
import type { PostgresCluster } from './postgres-cluster';

/**
 * Stops the PostgreSQL cluster global-setup.ts started (none when the run was given TEST_POSTGRES_URL), then
 * fails the run if any secret the suites used shows in a dashboard's log or an HTTP response (leak-witness.ts).
 */
export default async function globalTeardown(): Promise<void> {
  await ((globalThis as Record<string, unknown>)[CLUSTER_GLOBAL] as PostgresCluster | undefined)?.stop();
  const folder = process.env[LEAK_DIR_ENV];
  if (!folder) return;
  const leaks = findLeaks(folder);
  if (leaks.length === 0) return stopWitnessing(folder);
  const shown = leaks.map((l) => `- ${JSON.stringify(l.secret)} in ${l.file}: ...${l.excerpt}...`).join('\n');
  throw new Error(`secrets leaked into dashboard logs or HTTP responses (witnesses kept in ${folder}):\n${shown}`);
}
