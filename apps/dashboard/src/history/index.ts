// What other capabilities and the platform may use of history.
export { HISTORY_STATUS, type HistoryStatus, type HistoryStatusSnapshot } from './application/ports/history-status.port';
