import { cpSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';

/**
 * The checked-in host trees of test/agent/fixtures (a /proc, /sys and /etc as
 * a real host has them, the node_exporter way): `kvm-guest` has every 1.1
 * reading, `bare-metal` no swap, no hwmon, no GPU, no IPv6 and no steal
 * column, `podman-container` is itself a container.
 */
export type HostTreeName = 'kvm-guest' | 'bare-metal' | 'podman-container';

export const FIXTURES = join(__dirname, '..', 'fixtures');

/** A copy of a checked-in host tree in a temp dir, for a test to change (a counter reset, a generated big file). */
export class HostTree {
  readonly root = mkdtempSync(join(tmpdir(), 'sss-host-tree-'));

  constructor(name: HostTreeName) {
    cpSync(join(FIXTURES, name), this.root, { recursive: true });
  }

  write(path: string, text: string): void {
    mkdirSync(dirname(join(this.root, path)), { recursive: true });
    writeFileSync(join(this.root, path), text);
  }
}
