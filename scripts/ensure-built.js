// Rebuilds any app whose sources are newer than its build output, so `npm start`,
// the cross-process tests and the benchmarks never run stale (or missing) code.
'use strict';
const { execSync } = require('node:child_process');
const { existsSync, readdirSync, statSync } = require('node:fs');
const { join } = require('node:path');

const ROOT = join(__dirname, '..');

/** Each app's build output and the sources it is built from. */
const BUILDS = {
  dashboard: { script: 'build:dashboard', output: 'dist/apps/dashboard/main.js', sources: ['apps/dashboard/src', 'libs'] },
  agent: { script: 'build:agent', output: 'dist/apps/agent/main.js', sources: ['apps/agent/src', 'libs'] },
  web: {
    script: 'build:web',
    output: 'dist/apps/web/browser/index.html',
    sources: ['apps/web/src', 'apps/web/public', 'libs/contracts/src'],
  },
};

/** @param {string[]} apps */
function ensureBuilt(apps = Object.keys(BUILDS)) {
  for (const app of apps) {
    const build = BUILDS[app];
    const output = join(ROOT, build.output);
    const builtAt = existsSync(output) ? statSync(output).mtimeMs : 0;
    if (build.sources.some((dir) => newestChange(join(ROOT, dir)) > builtAt)) {
      execSync(`npm run --silent ${build.script}`, { cwd: ROOT, stdio: 'inherit' });
    }
  }
}

/** Newest modification under `path`, ignoring tests (they are not part of a build). */
function newestChange(path) {
  if (!existsSync(path)) return 0;
  const stat = statSync(path);
  if (!stat.isDirectory()) return /\.spec\.ts$/.test(path) ? 0 : stat.mtimeMs;
  return readdirSync(path).reduce((max, name) => Math.max(max, newestChange(join(path, name))), stat.mtimeMs);
}

module.exports = { ensureBuilt };
