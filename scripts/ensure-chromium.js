#!/usr/bin/env node
// The Chromium the browser tests drive: CHROMIUM_PATH, else Debian's /usr/bin/chromium, which is installed
// with apt-get when missing and this runs as root (as .ci/run does). When neither works it says in one
// line what to run. `node scripts/ensure-chromium.js` prints the path it settles on.
'use strict';
const { DependencyMissing, aptInstall, installCommand, isExecutable, isRoot, orExit } = require('./system-package');

const DEBIAN_CHROMIUM = '/usr/bin/chromium';

/** @returns {string} the path of a Chromium to launch; throws DependencyMissing when there is none */
function ensureChromium(env = process.env) {
  const path = env.CHROMIUM_PATH || DEBIAN_CHROMIUM;
  if (isExecutable(path)) return path;
  const install = installCommand('chromium');
  if (env.CHROMIUM_PATH) {
    throw new DependencyMissing(`browser tests: no Chromium at CHROMIUM_PATH=${path}; point it at one, or unset it and run: ${install}`);
  }
  if (!isRoot()) throw new DependencyMissing(`browser tests: no Chromium at ${path}; run: ${install} (or set CHROMIUM_PATH)`);
  console.error(`browser tests: no Chromium at ${path}; installing it: ${install}`);
  const failure = aptInstall('chromium') ?? (isExecutable(path) ? undefined : `still no ${path}`);
  if (failure) throw new DependencyMissing(`browser tests: could not install Chromium (${failure}); run: ${install}`);
  return path;
}

/** ensureChromium(), or its one line on stderr and exit code 1 (a test run stops before anything starts). */
function ensureChromiumOrExit() {
  return orExit(() => ensureChromium());
}

if (require.main === module) console.log(ensureChromiumOrExit());

module.exports = { ensureChromium, ensureChromiumOrExit };
