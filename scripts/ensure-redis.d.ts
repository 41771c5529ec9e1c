// Types for the TypeScript that imports ensure-redis.js (the e2e global setup, test/support/redis-server.ts).
/** The path of a redis-server to start; throws a one-line error when there is none and it cannot be installed. */
export function ensureRedis(env?: NodeJS.ProcessEnv): string;
/** ensureRedis(), or its one line on stderr and exit code 1. */
export function ensureRedisOrExit(): string;
