import type { StorageUsage } from './history-store.port';

export interface HistoryStatusSnapshot {
  engine: 'sqlite' | 'postgres' | 'off';
  /** null when history is off or the database cannot be reached. */
  usage: StorageUsage | null;
  /** Writes that failed (each retried until the buffer overflows). */
  writeErrors: number;
  /** Samples and transitions given up because the write buffer was full. */
  dropped: number;
  /** Samples and transitions waiting to be written. */
  pending: number;
}

/** What /api/stats shows of history. */
export interface HistoryStatus {
  snapshot(): Promise<HistoryStatusSnapshot>;
}

export const HISTORY_STATUS = Symbol('HistoryStatus');
