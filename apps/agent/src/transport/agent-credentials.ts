import { closeSync, fsyncSync, openSync, readFileSync, renameSync, rmSync, writeSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { AUTH_SECRET_HEADER, AUTHORIZATION_HEADER } from '@sss/contracts/constants';
import type { Log } from '@sss/log';

export interface CredentialSettings {
  secret?: string;
  enrollmentKey?: string;
  enrolledSecretFile?: string;
  kubernetesTokenFile?: string;
}

/**
 * What the agent authenticates with on each connection (PROTOCOL.md
 * "Enrollment"): its secret; until it has one, its enrollment key, trading it
 * for the secret the dashboard answers with, which is stored in a file; or,
 * in Kubernetes, its projected service-account token, read afresh each time
 * because the kubelet rotates it.
 */
export class AgentCredentials {
  private secret?: string;

  constructor(
    private readonly settings: CredentialSettings,
    private readonly log: Log,
  ) {
    this.secret = settings.secret;
  }

  /** The authentication headers for the next connection; throws when the token file cannot be read. */
  headers(): Record<string, string> {
    const { kubernetesTokenFile } = this.settings;
    if (kubernetesTokenFile) {
      const token = readFileSync(kubernetesTokenFile, 'utf8').trim();
      if (!token) throw new Error(`${kubernetesTokenFile} is empty`);
      return { [AUTHORIZATION_HEADER]: `Bearer ${token}` };
    }
    return { [AUTH_SECRET_HEADER.toUpperCase()]: this.secret ?? this.settings.enrollmentKey! };
  }

  /** Presenting an enrollment key: the next `enrolled` message is for us. */
  get enrolling(): boolean {
    return this.secret === undefined && this.settings.enrollmentKey !== undefined;
  }

  /** What to check when the dashboard refuses this agent (1008). */
  get refusalHint(): string {
    if (this.settings.kubernetesTokenFile) {
      return "the dashboard's enrollment.kubernetes must be enabled with this token's audience, and the id must be this node's name, not registered otherwise";
    }
    if (this.enrolling)
      return 'the enrollment key must be valid (not expired or revoked), the id must match its idPattern and not be registered yet';
    return 'the id and secret must match a server registered in the dashboard (config servers[] or enrolled)';
  }

  /**
   * The dashboard enrolled this agent: its secret is used from now on, and
   * written to the secret file (atomically, mode 0600) for the next start. If
   * it cannot be written, it is still used until the agent stops.
   */
  enrolled(secret: string): void {
    this.secret = secret;
    const file = this.settings.enrolledSecretFile!;
    try {
      writeAtomically(file, `${secret}\n`);
      this.log.info('enrolled; secret stored', { secretFile: file });
    } catch (err) {
      this.log.error('enrolled, but the secret cannot be stored: it is kept in memory until the agent stops', {
        secretFile: file,
        error: (err as NodeJS.ErrnoException).code ?? String(err),
        hint: 'after a restart the dashboard refuses the enrollment key for this now registered id: make the file writable',
      });
    }
  }
}

/** Writes `text` to a temporary file beside `file` (created with mode 0600, synced) and renames it over `file`. */
function writeAtomically(file: string, text: string): void {
  const temp = join(dirname(file), `.${basename(file)}.${process.pid}.tmp`);
  rmSync(temp, { force: true }); // a leftover would keep its own mode
  const fd = openSync(temp, 'wx', 0o600);
  try {
    writeSync(fd, text);
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
  try {
    renameSync(temp, file);
  } catch (err) {
    rmSync(temp, { force: true });
    throw err;
  }
}
