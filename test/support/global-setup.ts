import { execSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

/** What the cross-process tests run, and the sources each is built from. */
const BUILDS = [
  { script: 'build:dashboard', output: 'dist/apps/dashboard/main.js', sources: ['apps/dashboard/src', 'libs'] },
  { script: 'build:agent', output: 'dist/apps/agent/main.js', sources: ['apps/agent/src', 'libs'] },
  { script: 'build:web', output: 'dist/apps/web/browser/index.html', sources: ['apps/web/src', 'libs/contracts/src'] },
];

/** Rebuilds any app whose sources are newer than its build, so e2e tests never run stale code. */
export default function globalSetup(): void {
  for (const build of BUILDS) {
    const builtAt = existsSync(build.output) ? statSync(build.output).mtimeMs : 0;
    if (build.sources.some((dir) => newestChange(dir) > builtAt)) {
      execSync(`npm run --silent ${build.script}`, { stdio: 'inherit' });
    }
  }
}

function newestChange(path: string): number {
  const stat = statSync(path);
  if (!stat.isDirectory()) return path.endsWith('.spec.ts') ? 0 : stat.mtimeMs;
  return readdirSync(path).reduce((max, name) => Math.max(max, newestChange(join(path, name))), stat.mtimeMs);
}
