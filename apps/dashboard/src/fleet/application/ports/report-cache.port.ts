/** A server's latest report as the cache keeps it. Opaque: only the cache that made it reads it. */
export interface CachedReport {
  readonly byteLength: number;
}

/**
 * Keeps the latest accepted report of each server and turns it into the
 * frontend message. The one place that knows how a report is held in memory,
 * so the live path's memory layout can change without touching the domain.
 */
export interface ReportCache {
  /**
   * Keeps `json`, the compact JSON text of an accepted report (a non-empty
   * object, no whitespace around it), reusing `previous`'s memory where it
   * fits. Throws for any other text: the frontend message is built on that.
   */
  keep(json: string, previous: CachedReport | undefined): CachedReport;
  /** The report's JSON text, as given to `keep`. */
  json(report: CachedReport): string;
  /** The frontend message (PROTOCOL.md): the report exactly as kept, plus `online` and `lastSeen`. */
  frontendMessage(report: CachedReport, online: boolean, lastSeen: number): Uint8Array;
}

export const REPORT_CACHE = Symbol('ReportCache');
