import type { Log } from '@sss/log';
import { readFileSync, unwatchFile, watchFile } from 'node:fs';
import type { Server } from 'node:https';
import type { TlsConfig } from '../config/dashboard-config';

/** How often the files' modification times are polled. A rename over them (certbot, cert-manager) is seen too. */
const POLL_MS = 1_000;

/** The PEM key pair of `tls` as the HTTPS server takes it. */
export function readKeyPair(tls: TlsConfig): { cert: Buffer; key: Buffer } {
  return { cert: readFileSync(tls.certFile), key: readFileSync(tls.keyFile) };
}

/**
 * Reloads the certificate and key into `server` whenever either file
 * changes: new connections get the new pair, open ones (agents, consoles)
 * keep theirs and are not dropped. A pair that does not load (the key
 * written before its certificate, a half-written file) is logged and the
 * previous one kept until the next change. Returns the stop function.
 */
export function reloadCertificateOnChange(server: Server, tls: TlsConfig, parentLog: Log): () => void {
  const log = parentLog.child('Tls');
  const reload = (current: { mtimeMs: number }, previous: { mtimeMs: number }) => {
    if (current.mtimeMs === previous.mtimeMs) return;
    try {
      server.setSecureContext(readKeyPair(tls));
      log.info('certificate reloaded', { certFile: tls.certFile });
    } catch (err) {
      log.warn('certificate not reloaded; the previous one stays', { certFile: tls.certFile, error: (err as Error).message });
    }
  };
  for (const file of [tls.certFile, tls.keyFile]) watchFile(file, { interval: POLL_MS, persistent: false }, reload);
  return () => [tls.certFile, tls.keyFile].forEach((file) => unwatchFile(file, reload));
}
