// What other capabilities and the platform may use of history.
export { HistoryModule } from './history.module';
export { HISTORY_STATUS, type HistoryStatus, type HistoryStatusSnapshot } from './application/ports/history-status.port';
