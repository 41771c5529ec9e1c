// What the scripts that settle on a system dependency of the tests (ensure-chromium.js, ensure-postgres.js)
// share: installing a Debian package when running as root, the one-line command to suggest otherwise,
// and stopping a test run with that one line before anything starts.
'use strict';
const { spawnSync } = require('node:child_process');
const { accessSync, constants, statSync } = require('node:fs');

/** A one-line reason some tests cannot run, and what to do about it. */
class DependencyMissing extends Error {}

/** The command that installs `pkg`, as the user running this should type it. */
function installCommand(pkg) {
  return `${isRoot() ? '' : 'sudo '}apt-get install -y ${pkg}`;
}

/** @returns {string | undefined} why `apt-get install pkg` failed: the command's last line of output, or undefined on success */
function aptInstall(pkg) {
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  for (const args of [
    ['update', '-qq'],
    ['install', '-y', '-qq', pkg],
  ]) {
    const run = spawnSync('apt-get', args, { env, encoding: 'utf8' });
    if (run.error) return `apt-get: ${run.error.code ?? run.error.message}`;
    if (run.status !== 0) {
      const lines = `${run.stdout}\n${run.stderr}`.trim().split('\n');
      return `apt-get ${args[0]} exited with ${run.status}: ${lines[lines.length - 1].trim()}`;
    }
  }
  return undefined;
}

/** `ensure()`'s answer, or its one line on stderr and exit code 1 when it throws DependencyMissing. */
function orExit(ensure) {
  try {
    return ensure();
  } catch (err) {
    if (!(err instanceof DependencyMissing)) throw err;
    console.error(err.message);
    process.exit(1);
  }
}

function isExecutable(path) {
  try {
    accessSync(path, constants.X_OK);
    return statSync(path).isFile();
  } catch {
    return false;
  }
}

function isRoot() {
  return process.getuid?.() === 0;
}

module.exports = { DependencyMissing, aptInstall, installCommand, isExecutable, isRoot, orExit };
