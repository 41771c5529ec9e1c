import type { LeaseStore } from '../../bus/application/ports/lease-store.port';
import type { AccountStore } from '../../accounts/application/ports/account-store.port';
import type { AuditStore } from '../../accounts/application/ports/audit-store.port';
import type { CatalogStore } from '../../catalog/application/ports/catalog-store.port';
import type { EnrollmentKeyStore } from '../../enrollment/application/ports/enrollment-key-store.port';
import type { LatestReportStore } from '../../fleet/application/ports/latest-report-store.port';
import type { HistoryStore } from '../../history/application/ports/history-store.port';
import { packAppend, unpackAppend } from '../../history/adapters/outbound/worker/append-wire';
import type { TrafficStore } from '../../traffic/application/ports/traffic-store.port';
import { methodsOf } from './forward';

/** The stores' methods, for calls across the worker thread or behind a lazy migration. */
export const HISTORY_STORE_METHODS = methodsOf<HistoryStore>()(
  'append',
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

/** Arguments packed for the crossing to the worker thread where copying them as they are would be slow. */
export interface ArgsWire {
  pack(args: unknown[]): { args: unknown[]; transfer: ArrayBuffer[] };
  unpack(args: unknown[]): unknown[];
}

export const STORE_WIRES: Record<StoreName, Partial<Record<string, ArgsWire>>> = {
  history: { append: { pack: (args) => packAppend(args as Parameters<typeof packAppend>[0]), unpack: unpackAppend } },
  latest: {},
  traffic: {},
  accounts: {},
  audit: {},
  catalog: {},
  enrollmentKeys: {},
  lease: {},
};
