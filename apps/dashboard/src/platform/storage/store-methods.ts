import type { LeaseStore } from '../../bus/application/ports/lease-store.port';
import type { AccountStore } from '../../accounts/application/ports/account-store.port';
import type { AuditStore } from '../../accounts/application/ports/audit-store.port';
import type { CatalogStore } from '../../catalog/application/ports/catalog-store.port';
import type { EnrollmentKeyStore } from '../../enrollment/application/ports/enrollment-key-store.port';
import type { LatestReportStore } from '../../fleet/application/ports/latest-report-store.port';
import type { HistoryStore } from '../../history/application/ports/history-store.port';
import type { TrafficStore } from '../../traffic/application/ports/traffic-store.port';
import { methodsOf } from './forward';

/** The stores' methods, for calls across the worker thread or behind a lazy migration. */
export const HISTORY_STORE_METHODS = methodsOf<HistoryStore>()(
  'append',
  'appendReports',
  'compact',
  'samples',
  'rollUp',
  'expire',
  'trimOldest',
  'transitions',
  'windowTransitions',
  'expireTransitions',
  'purge',
  'usage',
  'size',
  'mark',
  'setMark',
);

export const LATEST_REPORT_STORE_METHODS = methodsOf<LatestReportStore>()('save', 'loadAll', 'delete');

export const TRAFFIC_STORE_METHODS = methodsOf<TrafficStore>()('save', 'loadCounters', 'daysFrom', 'totalsFrom', 'days', 'expire', 'purge');

export const ACCOUNT_STORE_METHODS = methodsOf<AccountStore>()(
  'findUser',
  'countUsers',
  'listUsers',
  'countAdmins',
  'createUser',
  'setPasswordHash',
  'setRole',
  'deleteUser',
  'createSession',
  'findSession',
  'touchSession',
  'deleteSession',
  'deleteSessionsOf',
  'deleteExpiredSessions',
  'createToken',
  'listTokens',
  'findToken',
  'touchToken',
  'deleteToken',
);

export const AUDIT_STORE_METHODS = methodsOf<AuditStore>()('append', 'page', 'expire');

export const CATALOG_STORE_METHODS = methodsOf<CatalogStore>()('list', 'insert', 'update', 'delete', 'groupOrder', 'setGroupOrder');

export const LEASE_STORE_METHODS = methodsOf<LeaseStore>()('acquire', 'release');

export const ENROLLMENT_KEY_STORE_METHODS = methodsOf<EnrollmentKeyStore>()('list', 'insert', 'update', 'delete');

export type StoreName = 'history' | 'latest' | 'traffic' | 'accounts' | 'audit' | 'catalog' | 'enrollmentKeys' | 'lease';
