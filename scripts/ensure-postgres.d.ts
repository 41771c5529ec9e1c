// Types for the TypeScript that imports ensure-postgres.js (the PostgreSQL test cluster).
export interface PostgresInstall {
  /** The directory holding initdb and pg_ctl. */
  bin: string;
  /** When running as root: the OS user the cluster runs as (initdb refuses root). */
  user?: { name: string; uid: number; gid: number };
}
/** Where PostgreSQL is, installing it as root when missing; throws a one-line error when it cannot be had. */
export function ensurePostgres(env?: NodeJS.ProcessEnv): PostgresInstall;
/** ensurePostgres(), or its one line on stderr and exit code 1. */
export function ensurePostgresOrExit(): PostgresInstall;
