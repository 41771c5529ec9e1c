import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ensureRedis } from '../../scripts/ensure-redis';
import { ChildApp } from './child-app';
import { freePort } from './free-port';

/**
 * A Redis server of its own for a test: `redis-server` on a free loopback port,
 * in a fresh temporary folder, nothing saved to disk. `kill()` ends it at once
 * (a crash) and `start()` brings it back on the same port, as a restarted Redis
 * behind a fixed address would come back; `stop()` ends it and removes the folder.
 */
export class RedisServer {
  private process?: ChildApp;

  private constructor(
    private readonly binary: string,
    readonly port: number,
    private readonly dir: string,
  ) {}

  /** Fails with one line naming the apt package when there is no redis-server and it cannot be installed. */
  static async start(): Promise<RedisServer> {
    const redis = new RedisServer(ensureRedis(), await freePort(), mkdtempSync(join(tmpdir(), 'sss-redis-')));
    try {
      await redis.start();
    } catch (err) {
      rmSync(redis.dir, { recursive: true, force: true });
      throw err;
    }
    return redis;
  }

  /** `redis://` URL of the server. */
  get url(): string {
    return `redis://127.0.0.1:${this.port}`;
  }

  /** Starts the server (again) on its port; resolves once it accepts connections. */
  async start(): Promise<void> {
    const args = ['--port', String(this.port), '--bind', '127.0.0.1', '--dir', this.dir, '--save', '', '--appendonly', 'no'];
    const proc = spawn(this.binary, args, { stdio: ['ignore', 'pipe', 'pipe'] });
    this.process = new ChildApp(proc, 'redis-server');
    try {
      await this.process.waitForLog(/Ready to accept connections/, 15_000);
    } catch (err) {
      proc.kill('SIGKILL');
      throw err;
    }
  }

  /** Ends the server at once, as a crash would: clients see their connections drop. */
  async kill(): Promise<void> {
    await this.process?.stop('SIGKILL');
  }

  async stop(): Promise<void> {
    try {
      await this.process?.stop('SIGKILL');
    } finally {
      rmSync(this.dir, { recursive: true, force: true });
    }
  }
}
