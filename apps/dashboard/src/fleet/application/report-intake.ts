import { parseServerInfo, type ServerInfo } from '@sss/contracts';
import { Subject, type Observable } from 'rxjs';
import type { CatalogEntry } from '../../catalog';
import type { FleetRegistry } from './fleet-state';
import type { ReportCache } from './ports/report-cache.port';

export interface AcceptedReport {
  serverId: string;
  info: ServerInfo;
  /** Its compact JSON text, as the cache keeps it. */
  json: string;
  /** Unix milliseconds when it was received. */
  at: number;
}

export type IntakeResult =
  { kind: 'accepted'; agentVersion?: string } | { kind: 'invalid'; errors?: string[] } | { kind: 'id-mismatch'; bodyId: string };

/**
 * The use case behind /ws-report: one text frame from an authenticated agent
 * becomes the server's latest state, or is refused with the reason.
 */
export class ReportIntake {
  private readonly accepted = new Subject<AcceptedReport>();
  /** Every accepted report, parsed: for whoever records them (history). */
  readonly accepted$: Observable<AcceptedReport> = this.accepted.asObservable();

  constructor(
    private readonly registry: FleetRegistry,
    private readonly cache: ReportCache,
  ) {}

  /** With `explain`, an invalid frame's result says why (at a cost: ask only when it will be told). */
  accept(server: CatalogEntry, text: string, explain: boolean): IntakeResult {
    const parsed = parseServerInfo(text, explain);
    if (!parsed.ok) return { kind: 'invalid', errors: parsed.errors };
    if (parsed.value.serverId !== server.id) return { kind: 'id-mismatch', bodyId: parsed.value.serverId };
    const renamed = applyConfiguredNames(parsed.value, server);
    // Serialised once here (or the agent's own text, when that is exactly the value):
    // every frontend message is built from it, so the cache gets compact JSON only.
    const json = parsed.verbatim && !renamed ? text : JSON.stringify(parsed.value);
    const state = this.registry.report(server.id, this.cache.keep(json, this.registry.get(server.id)?.report));
    if (this.accepted.observed) this.accepted.next({ serverId: server.id, info: parsed.value, json, at: state.lastSeen });
    return { kind: 'accepted', agentVersion: parsed.value.agentVersion };
  }
}

/**
 * What the operator configured wins; the agent's values fill what config
 * leaves empty. `info` is the parser's own object, so it is updated in place.
 * True if that changed anything.
 */
function applyConfiguredNames(info: ServerInfo, server: CatalogEntry): boolean {
  const changed =
    (!!server.name && info.serverName !== server.name) ||
    (!!server.group && info.group !== server.group) ||
    (!!server.countryCode && info.countryCode !== server.countryCode);
  if (server.name) info.serverName = server.name;
  if (server.group) info.group = server.group;
  if (server.countryCode) info.countryCode = server.countryCode;
  return changed;
}
