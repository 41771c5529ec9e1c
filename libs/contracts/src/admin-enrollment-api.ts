/** The enrollment key API (README "Enrollment"), admin only. Types and paths only: the browser imports them. */
export const ADMIN_ENROLLMENT_KEYS_PATH = '/api/admin/enrollment-keys';

/** A key's id in the API: stored keys' are random; the config file's are `config-<n>`, n its place in `enrollment.keys` from 1. */
export const ENROLLMENT_KEY_ID_PATTERN = /^[A-Za-z0-9_-]{1,64}$/;

/** An enrollment key as listed: never its secret. Times are Unix ms. */
export interface AdminEnrollmentKey {
  id: string;
  /** `config`: from the config file's `enrollment.keys`, read-only here. */
  source: 'config' | 'stored';
  /** What it is for; a config key's is its place in the file (`enrollment.keys[0]`). */
  name: string;
  /** The regular expression the whole server id must match, as written (the dashboard anchors it). */
  idPattern: string;
  /** The group of the servers it registers. */
  group?: string;
  /** From then on it registers nothing; absent: never expires. */
  expiresAt?: number;
  revoked: boolean;
  /** Stored keys only. */
  createdAt?: number;
  createdBy?: string;
}

export interface AdminEnrollmentKeyCreate {
  name: string;
  idPattern: string;
  group?: string;
  /** Unix ms in the future; null or absent: never expires. */
  expiresAt?: number | null;
}

/** Ready lines that start an agent which enrolls with the key (its id set to one the key's idPattern allows). */
export interface EnrollCommands {
  /** Writes /etc/sss-agent/agent.yaml and starts the systemd unit of deploy/systemd. */
  systemd: string;
  /** Starts the agent image with host access and a volume for the secret it is given. */
  container: string;
  /** The agent's environment variables, one `NAME=value` a line. */
  env: string;
}

/** The answer of creating a key: the only time its secret is shown. */
export interface AdminEnrollmentKeySecret {
  key: AdminEnrollmentKey;
  secret: string;
  enroll: EnrollCommands;
}
