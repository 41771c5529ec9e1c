import { parseServerInfo, type ServerInfo } from '@sss/contracts';
import type { ServerRegistry } from '../domain/server-registry';
import type { CatalogEntry } from './ports/server-catalog.port';

export type IntakeResult =
  | { kind: 'accepted' }
  | { kind: 'invalid'; errors: string[] }
  | { kind: 'id-mismatch'; bodyId: string };

/**
 * The use case behind /ws-report: one text frame from an authenticated agent
 * becomes the server's latest state, or is refused with the reason.
 */
export class ReportIntake {
  constructor(private readonly registry: ServerRegistry) {}

  accept(server: CatalogEntry, text: string): IntakeResult {
    const parsed = parseServerInfo(text);
    if (!parsed.ok) return { kind: 'invalid', errors: parsed.errors };
    if (parsed.value.serverId !== server.id) return { kind: 'id-mismatch', bodyId: parsed.value.serverId };
    // Serialised once here; every frontend message is built from this text.
    this.registry.report(server.id, JSON.stringify(withConfiguredNames(parsed.value, server)));
    return { kind: 'accepted' };
  }
}

/**
 * What the operator configured wins; the agent's values fill what config
 * leaves empty. `info` is the parser's fresh copy, so it is updated in place.
 */
function withConfiguredNames(info: ServerInfo, server: CatalogEntry): ServerInfo {
  if (server.name) info.serverName = server.name;
  if (server.group) info.group = server.group;
  if (server.countryCode) info.countryCode = server.countryCode;
  return info;
}
