import { execFileSync } from 'node:child_process';
import { closeSync, mkdtempSync, openSync, readdirSync, rmSync, statSync, unlinkSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/**
 * A folder whose disk a test can fill and free while a process writes to it.
 * As root (CI) it is a real tmpfs of `sizeMiB`, filled with a file that takes
 * every free byte, so writes fail with ENOSPC as on a full disk. Without the
 * right to mount, it is a plain folder and "full" is the writer's file-size
 * limit (RLIMIT_FSIZE, set with `prlimit`) at the size of the smallest file in
 * it: writes past it fail with EFBIG (Node ignores SIGXFSZ).
 */
export class FillableDisk {
  private filler?: string;

  private constructor(
    readonly dir: string,
    private readonly mounted: boolean,
  ) {}

  static create(sizeMiB: number): FillableDisk {
    const dir = mkdtempSync(join(tmpdir(), 'sss-disk-'));
    try {
      execFileSync('mount', ['-t', 'tmpfs', '-o', `size=${sizeMiB}m`, 'tmpfs', dir], { stdio: 'ignore' });
      return new FillableDisk(dir, true);
    } catch {
      return new FillableDisk(dir, false);
    }
  }

  /** How this disk fills up, for test titles and messages. */
  get kind(): string {
    return this.mounted ? 'tmpfs (ENOSPC)' : 'file-size limit (EFBIG)';
  }

  /** `pid` can no longer grow the files in the folder. */
  fill(pid: number): void {
    if (!this.mounted) {
      const smallest = Math.min(...readdirSync(this.dir).map((f) => statSync(join(this.dir, f)).size));
      execFileSync('prlimit', ['--pid', String(pid), `--fsize=${smallest}:`]);
      return;
    }
    this.filler = join(this.dir, 'filler');
    const fd = openSync(this.filler, 'w');
    const block = Buffer.alloc(64 * 1024, 1);
    try {
      for (let size = block.length; size >= 1; size = Math.floor(size / 2)) {
        for (;;) {
          try {
            writeSync(fd, block, 0, size);
          } catch (err) {
            if ((err as NodeJS.ErrnoException).code === 'ENOSPC') break;
            throw err;
          }
        }
      }
    } finally {
      closeSync(fd);
    }
  }

  /** Space again. */
  free(pid: number): void {
    if (this.mounted) unlinkSync(this.filler!);
    else execFileSync('prlimit', ['--pid', String(pid), '--fsize=unlimited:']);
  }

  dispose(): void {
    if (this.mounted) execFileSync('umount', [this.dir]);
    rmSync(this.dir, { recursive: true, force: true });
  }
}
