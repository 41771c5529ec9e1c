import { execFile } from 'node:child_process';
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT } from '../support/dashboard-process';
import { CLEAN_TREE, CYCLE, VIOLATIONS, violationSources, writeTree, type SourceTree } from './support/layered-tree';

interface CruiseResult {
  exitCode: number;
  /** `rule: from` for every violation reported, sorted. */
  violations: string[];
}

/**
 * Runs the real depcruise with the project's .dependency-cruiser.cjs over a tree, with the same
 * command line and reporter as `npm run lint:layers` (its exit code is the number of errors).
 */
function cruise(tree: SourceTree): Promise<CruiseResult> {
  const root = writeTree(tree);
  const bin = join(ROOT, 'node_modules/dependency-cruiser/bin/dependency-cruise.mjs');
  const args = [bin, '--config', join(ROOT, '.dependency-cruiser.cjs'), 'apps', 'libs'];
  return new Promise((resolve, reject) => {
    execFile(process.execPath, args, { cwd: root }, (error, stdout, stderr) => {
      rmSync(root, { recursive: true, force: true });
      const exitCode = error ? error.code : 0;
      if (typeof exitCode !== 'number') return reject(error ?? new Error('depcruise did not exit'));
      if (!/dependenc(y|ies) cruised/.test(stdout)) return reject(new Error(`depcruise did not finish (exit ${exitCode}): ${stderr}`));
      // Each violation starts a line: `  error <rule>: <from> → <to>`.
      const violations = new Set([...stdout.matchAll(/^ {2}error (\S+): (\S+) →/gm)].map(([, rule, from]) => `${rule}: ${from}`));
      resolve({ exitCode, violations: [...violations].sort() });
    });
  });
}

describe('layering rules (.dependency-cruiser.cjs)', () => {
  it('pass a tree laid out as docs/architecture.md describes', async () => {
    const result = await cruise(CLEAN_TREE);

    expect(result.violations).toEqual([]);
    expect(result.exitCode).toBe(0);
  });

  it('report every deliberate violation, each under the rule it breaks, and fail', async () => {
    const result = await cruise({ ...CLEAN_TREE, ...violationSources(VIOLATIONS), ...CYCLE });

    const expected = VIOLATIONS.flatMap((v) => v.rules.map((rule) => `${rule}: ${v.file}`));
    // A cycle is reported once, from whichever of its files depcruise meets first.
    const cycles = result.violations.filter((v) => v.startsWith('no-circular: '));
    expect(result.violations.filter((v) => !cycles.includes(v))).toEqual([...new Set(expected)].sort());
    expect(cycles).toHaveLength(1);
    expect(Object.keys(CYCLE).map((file) => `no-circular: ${file}`)).toContain(cycles[0]);
    expect(result.exitCode).not.toBe(0);
  });

  it('cover every rule the configuration declares', () => {
    // eslint-disable-next-line @typescript-eslint/no-require-imports -- the config is CommonJS, read as depcruise reads it
    const config = require('../../.dependency-cruiser.cjs') as { forbidden: { name: string }[] };
    const exercised = new Set([...VIOLATIONS.flatMap((v) => v.rules), 'no-circular']);

    expect(config.forbidden.map((rule) => rule.name).filter((name) => !exercised.has(name))).toEqual([]);
  });
});
