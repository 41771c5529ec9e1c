import { chmodSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** A real executable `nvidia-smi` (a shell script running `body`) in a temp dir; returns its path. */
export function fakeNvidiaSmi(body: string): string {
  const dir = mkdtempSync(join(tmpdir(), 'sss-nvidia-smi-'));
  writeFileSync(join(dir, 'nvidia-smi'), `#!/bin/sh\n${body}\n`);
  chmodSync(join(dir, 'nvidia-smi'), 0o755);
  return join(dir, 'nvidia-smi');
}
