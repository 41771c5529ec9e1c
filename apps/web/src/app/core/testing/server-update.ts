import type { ServerUpdate } from '@sss/contracts/constants';

let reports = 0;

/** A server's frontend message for specs; each is a later report than the one before (as the dashboard's lastSeen only grows). */
export function serverUpdate(id: string, extra: Partial<ServerUpdate> = {}): ServerUpdate {
  return {
    serverId: id,
    serverName: id,
    online: true,
    lastSeen: Date.now() + ++reports,
    cpu: { percent: 1, cores: 1, modelName: 'm' },
    ...extra,
  } as ServerUpdate;
}
