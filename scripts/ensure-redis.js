#!/usr/bin/env node
// The redis-server the replica tests start (test/support/redis-server.ts): REDIS_SERVER_PATH, else Debian's
// /usr/bin/redis-server, which is installed with apt-get when missing and this runs as root (as .ci/run does).
// When neither works it says in one line what to run. `node scripts/ensure-redis.js` prints the path it settles on.
'use strict';
const { DependencyMissing, aptInstall, installCommand, isExecutable, isRoot, orExit } = require('./system-package');

const DEBIAN_REDIS = '/usr/bin/redis-server';
/** The Debian package that ships it. */
const REDIS_PACKAGE = 'redis-server';

/** @returns {string} the path of a redis-server to start; throws DependencyMissing when there is none */
function ensureRedis(env = process.env) {
  const path = env.REDIS_SERVER_PATH || DEBIAN_REDIS;
  if (isExecutable(path)) return path;
  const install = installCommand(REDIS_PACKAGE);
  if (env.REDIS_SERVER_PATH) {
    throw new DependencyMissing(
      `replica tests: no redis-server at REDIS_SERVER_PATH=${path}; point it at one, or unset it and run: ${install}`,
    );
  }
  if (!isRoot()) throw new DependencyMissing(`replica tests: no redis-server at ${path}; run: ${install} (or set REDIS_SERVER_PATH)`);
  console.error(`replica tests: no redis-server at ${path}; installing it: ${install}`);
  const failure = aptInstall(REDIS_PACKAGE) ?? (isExecutable(path) ? undefined : `still no ${path}`);
  if (failure) throw new DependencyMissing(`replica tests: could not install redis-server (${failure}); run: ${install}`);
  return path;
}

/** ensureRedis(), or its one line on stderr and exit code 1 (a test run stops before anything starts). */
function ensureRedisOrExit() {
  return orExit(() => ensureRedis());
}

if (require.main === module) console.log(ensureRedisOrExit());

module.exports = { ensureRedis, ensureRedisOrExit };
