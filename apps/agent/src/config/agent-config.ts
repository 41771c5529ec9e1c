/** The agent's validated configuration (see README "Agent"). */
export interface AgentConfig {
  /** `ws(s)://HOST:PORT/ws-report`. */
  serverUrl: string;
  id: string;
  /**
   * Resolved from `secret`, `secretFile` or `secretEnv`; never logged. Undefined
   * with `kubernetesTokenFile`, and with `enrollmentKey` until enrolled.
   */
  secret?: string;
  /** Presented instead of the secret until the dashboard enrolls this agent. */
  enrollmentKey?: string;
  /** With `enrollmentKey`: where the secret the dashboard gives is written (and read from at the next start). */
  enrolledSecretFile?: string;
  /** The projected service-account token, re-read for every connection (Kubernetes identity). */
  kubernetesTokenFile?: string;
  intervalMs: number;
  /** Display name; the hostname when not configured. */
  name?: string;
  group?: string;
  countryCode?: string;
  location?: string;
  ip?: string;
  /** An HTTP(S) URL answering with the public IP as text; asked only when `ip` is not set. */
  ipLookupUrl?: string;
  /** PEM file with the CA(s) that sign the dashboard's certificate, for wss://. */
  caFile?: string;
  /** `/`, or where the host's filesystem is mounted inside a container. */
  hostRoot: string;
  diskRefreshMs: number;
  /** How often GPUs are re-read (nvidia-smi runs), in the background. */
  gpuRefreshMs: number;
  excludeInterfaces: string[];
}
