import { execSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';

const ROOT = resolve(__dirname, '../..');

/** Each app's build output and the sources it is built from. */
const BUILDS: Record<string, { script: string; output: string; sources: string[] }> = {
  dashboard: { script: 'build:dashboard', output: 'dist/apps/dashboard/main.js', sources: ['apps/dashboard/src', 'libs'] },
  agent: { script: 'build:agent', output: 'dist/apps/agent/main.js', sources: ['apps/agent/src', 'libs'] },
  web: { script: 'build:web', output: 'dist/apps/web/browser/index.html', sources: ['apps/web/src', 'libs/contracts/src'] },
};

/** Rebuilds any of `apps` whose sources are newer than its build, so tests and benchmarks never run stale code. */
export function ensureBuilt(apps: string[] = Object.keys(BUILDS)): void {
  for (const app of apps) {
    const build = BUILDS[app];
    const output = join(ROOT, build.output);
    const builtAt = existsSync(output) ? statSync(output).mtimeMs : 0;
    if (build.sources.some((dir) => newestChange(join(ROOT, dir)) > builtAt)) {
      execSync(`npm run --silent ${build.script}`, { cwd: ROOT, stdio: 'inherit' });
    }
  }
}

function newestChange(path: string): number {
  const stat = statSync(path);
  if (!stat.isDirectory()) return path.endsWith('.spec.ts') ? 0 : stat.mtimeMs;
  return readdirSync(path).reduce((max, name) => Math.max(max, newestChange(join(path, name))), stat.mtimeMs);
}
