#!/usr/bin/env node
// The PostgreSQL the tests run a throwaway cluster of (test/support/postgres-cluster.ts): the directory
// holding initdb and pg_ctl, from SSS_PG_BIN, else PATH, else Debian's newest /usr/lib/postgresql/<version>/bin;
// Debian's package `postgresql` is installed with apt-get when none is found and this runs as root (as .ci/run
// does). initdb refuses to run as root, so as root the cluster runs as the OS user `postgres`, which that
// package creates. When something is missing it says in one line what to run.
// `node scripts/ensure-postgres.js` prints the directory it settles on.
'use strict';
const { spawnSync } = require('node:child_process');
const { readdirSync } = require('node:fs');
const { delimiter, join } = require('node:path');
const { DependencyMissing, aptInstall, installCommand, isExecutable, isRoot, orExit } = require('./system-package');

const DEBIAN_VERSIONS = '/usr/lib/postgresql';
const CLUSTER_USER = 'postgres';

/**
 * @returns {{ bin: string, user?: { name: string, uid: number, gid: number } }} where initdb and pg_ctl are, and
 *   (when running as root) the OS user to run them as; throws DependencyMissing when either is missing
 */
function ensurePostgres(env = process.env) {
  const install = installCommand('postgresql');
  if (env.SSS_PG_BIN) {
    if (hasTools(env.SSS_PG_BIN)) return { bin: env.SSS_PG_BIN, user: clusterUser(install) };
    throw new DependencyMissing(
      `PostgreSQL tests: no initdb and pg_ctl in SSS_PG_BIN=${env.SSS_PG_BIN}; point it at PostgreSQL's bin directory, or unset it and run: ${install}`,
    );
  }
  const found = findBin(env);
  if (found) return { bin: found, user: clusterUser(install) };
  const where = `initdb and pg_ctl on PATH or in ${DEBIAN_VERSIONS}/*/bin`;
  if (!isRoot()) throw new DependencyMissing(`PostgreSQL tests: no ${where}; run: ${install} (or set SSS_PG_BIN)`);
  console.error(`PostgreSQL tests: no ${where}; installing them: ${install}`);
  const failure = aptInstall('postgresql');
  const installed = failure ? undefined : findBin(env);
  if (!installed)
    throw new DependencyMissing(`PostgreSQL tests: could not install PostgreSQL (${failure ?? `still no ${where}`}); run: ${install}`);
  return { bin: installed, user: clusterUser(install) };
}

/** ensurePostgres(), or its one line on stderr and exit code 1 (a test run stops before anything starts). */
function ensurePostgresOrExit() {
  return orExit(() => ensurePostgres());
}

function findBin(env) {
  const onPath = (env.PATH ?? '').split(delimiter).filter(Boolean);
  let versions = [];
  try {
    versions = readdirSync(DEBIAN_VERSIONS).sort((a, b) => parseFloat(b) - parseFloat(a));
  } catch {
    // no Debian PostgreSQL
  }
  return [...onPath, ...versions.map((v) => join(DEBIAN_VERSIONS, v, 'bin'))].find(hasTools);
}

function hasTools(dir) {
  return isExecutable(join(dir, 'initdb')) && isExecutable(join(dir, 'pg_ctl'));
}

/** As root, the user the cluster runs as (initdb refuses root); nobody otherwise. */
function clusterUser(install) {
  if (!isRoot()) return undefined;
  const id = (flag) => spawnSync('id', [flag, CLUSTER_USER], { encoding: 'utf8' });
  const [uid, gid] = [id('-u'), id('-g')];
  if (uid.status !== 0 || gid.status !== 0) {
    throw new DependencyMissing(
      `PostgreSQL tests: as root the test cluster runs as the OS user ${CLUSTER_USER} (initdb refuses root), and there is none; run: ${install} (it creates the user), or: useradd --system --user-group ${CLUSTER_USER}`,
    );
  }
  return { name: CLUSTER_USER, uid: Number(uid.stdout), gid: Number(gid.stdout) };
}

if (require.main === module) console.log(ensurePostgresOrExit().bin);

module.exports = { ensurePostgres, ensurePostgresOrExit };
