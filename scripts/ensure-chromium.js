#!/usr/bin/env node
// The Chromium the browser tests drive: CHROMIUM_PATH, else Debian's /usr/bin/chromium, which is installed
// with apt-get when missing and this runs as root (as .ci/run does). When neither works it says in one
// line what to run. `node scripts/ensure-chromium.js` prints the path it settles on.
'use strict';
const { spawnSync } = require('node:child_process');
const { accessSync, constants, statSync } = require('node:fs');

const DEBIAN_CHROMIUM = '/usr/bin/chromium';

/** A one-line reason the browser tests cannot run, and what to do about it. */
class ChromiumMissing extends Error {}

/** @returns {string} the path of a Chromium to launch; throws ChromiumMissing when there is none */
function ensureChromium(env = process.env) {
  const path = env.CHROMIUM_PATH || DEBIAN_CHROMIUM;
  if (isExecutable(path)) return path;
  const install = `${isRoot() ? '' : 'sudo '}apt-get install -y chromium`;
  if (env.CHROMIUM_PATH) {
    throw new ChromiumMissing(`browser tests: no Chromium at CHROMIUM_PATH=${path}; point it at one, or unset it and run: ${install}`);
  }
  if (!isRoot()) throw new ChromiumMissing(`browser tests: no Chromium at ${path}; run: ${install} (or set CHROMIUM_PATH)`);
  console.error(`browser tests: no Chromium at ${path}; installing it: ${install}`);
  const failure = aptInstall() ?? (isExecutable(path) ? undefined : `still no ${path}`);
  if (failure) throw new ChromiumMissing(`browser tests: could not install Chromium (${failure}); run: ${install}`);
  return path;
}

/** ensureChromium(), or its one line on stderr and exit code 1 (a test run stops before anything starts). */
function ensureChromiumOrExit() {
  try {
    return ensureChromium();
  } catch (err) {
    if (!(err instanceof ChromiumMissing)) throw err;
    console.error(err.message);
    process.exit(1);
  }
}

/** @returns {string | undefined} why it failed: the command's last line of output, or undefined on success */
function aptInstall() {
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  for (const args of [
    ['update', '-qq'],
    ['install', '-y', '-qq', 'chromium'],
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

if (require.main === module) console.log(ensureChromiumOrExit());

module.exports = { ensureChromium, ensureChromiumOrExit };
