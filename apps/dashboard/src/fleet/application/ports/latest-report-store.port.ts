/** A server's last accepted report as the frontends saw it, kept so a restart does not forget the fleet. */
export interface StoredReport {
  serverId: string;
  /** The report's compact JSON (a ServerInfo). */
  json: string;
  /** Unix milliseconds of the report. */
  lastSeen: number;
}

/** Where the latest report of each server survives a restart. */
export interface LatestReportStore {
  /** Inserts or replaces each server's row. */
  save(reports: readonly StoredReport[]): Promise<void>;
  loadAll(): Promise<StoredReport[]>;
  /** Deletes a removed server's row. */
  delete(serverId: string): Promise<void>;
}

export const LATEST_REPORT_STORE = Symbol('LatestReportStore');
