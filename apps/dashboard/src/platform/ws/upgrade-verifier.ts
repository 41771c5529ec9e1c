import type { IncomingMessage } from 'node:http';

/** Why an upgrade is refused, answered as an HTTP status before any WebSocket exists. */
export interface UpgradeRefusal {
  status: number;
  reason: string;
}

/** Decides an upgrade request of one channel: undefined lets it through. */
export type UpgradeVerifier = (req: IncomingMessage) => UpgradeRefusal | undefined;
