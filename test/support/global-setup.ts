import { ensureBuilt } from '../../scripts/ensure-built';
import { ensureChromiumOrExit } from '../../scripts/ensure-chromium';
import { ensurePostgresOrExit } from '../../scripts/ensure-postgres';
import { ensureRedisOrExit } from '../../scripts/ensure-redis';
import { LEAK_DIR_ENV, startWitnessing } from './leak-witness';
import { PostgresCluster, TEST_PG_URL_ENV } from './postgres-cluster';

/** What global-teardown.ts stops: jest runs both in one context, so a global is how the cluster passes between them. */
export const CLUSTER_GLOBAL = '__sssPostgresCluster';

/**
 * Cross-process tests run the production builds, a real Chromium, a real PostgreSQL and a real redis-server: get
 * Chromium, redis-server and PostgreSQL first (installing them when this can, else stopping the run with one line that says what to run),
 * rebuild whatever is stale, then start one throwaway PostgreSQL cluster for the whole run, whose URL the tests
 * find in TEST_POSTGRES_URL (each test file creates databases of its own in it). A URL already set there is used
 * instead, and nothing is started. The leak witness gets its folder (leak-witness.ts).
 */
export default async function globalSetup(): Promise<void> {
  ensureChromiumOrExit();
  ensureRedisOrExit();
  if (!process.env[TEST_PG_URL_ENV]) ensurePostgresOrExit();
  ensureBuilt();
  process.env[LEAK_DIR_ENV] = startWitnessing();
  if (process.env[TEST_PG_URL_ENV]) return;
  const cluster = await PostgresCluster.start();
  (globalThis as Record<string, unknown>)[CLUSTER_GLOBAL] = cluster;
  process.env[TEST_PG_URL_ENV] = cluster.url;
}
