import { DynamicModule, Module } from '@nestjs/common';
import type { Log } from '@sss/log';
import { NodeSecretHasher, SERVER_CATALOG, SERVER_REGISTRATION, type ServerCatalog, type ServerRegistration } from '../catalog';
import type { EnrollmentConfig } from '../platform/config/dashboard-config';
import { LOG } from '../platform/logging/log.token';
import { EnrollmentKeysAdminController } from './adapters/inbound/http/enrollment-keys-admin.controller';
import { EnrollmentKeysRefreshTimer } from './adapters/inbound/timers/enrollment-keys-refresh.timer';
import { KubernetesTokenReviewer } from './adapters/outbound/kubernetes/kubernetes-token-reviewer';
import { EnrollmentKeyIndex } from './adapters/outbound/memory/enrollment-key-index';
import { AgentEnrollment } from './application/agent-enrollment';
import { EnrollmentStats } from './application/enrollment-stats';
import { KubernetesIdentity } from './application/kubernetes-identity';
import { LiveEnrollmentKeys } from './application/live-enrollment-keys';
import { ENROLLMENT_KEY_STORE, type EnrollmentKeyStore } from './application/ports/enrollment-key-store.port';

/**
 * Admitting agents the catalog does not know yet: enrollment keys (the config
 * file's and the admin console's, /api/admin/enrollment-keys) and Kubernetes
 * identity (README "Enrollment"). Global, like the catalog: the fleet's agent
 * sessions ask it, /api/stats and /metrics read its counters.
 */
@Module({})
export class EnrollmentModule {
  /** The enrollment settings with the keys' secrets: only this module holds them. */
  static register(config: EnrollmentConfig, maxAgents: number): DynamicModule {
    const { kubernetes } = config;
    return {
      module: EnrollmentModule,
      global: true,
      controllers: [EnrollmentKeysAdminController],
      providers: [
        EnrollmentStats,
        {
          provide: LiveEnrollmentKeys,
          useFactory: (store: EnrollmentKeyStore) =>
            new LiveEnrollmentKeys(config.keys, new EnrollmentKeyIndex(), store, new NodeSecretHasher(), Date.now),
          inject: [ENROLLMENT_KEY_STORE],
        },
        EnrollmentKeysRefreshTimer,
        {
          provide: AgentEnrollment,
          useFactory: (
            keys: LiveEnrollmentKeys,
            catalog: ServerCatalog,
            registration: ServerRegistration,
            stats: EnrollmentStats,
            log: Log,
          ) => {
            const now = () => Date.now();
            const identity = kubernetes.enabled
              ? new KubernetesIdentity(new KubernetesTokenReviewer(kubernetes), { ...kubernetes, cacheEntries: maxAgents }, now, stats, log)
              : undefined;
            return new AgentEnrollment(keys, identity, catalog, registration, now, stats, log);
          },
          inject: [LiveEnrollmentKeys, SERVER_CATALOG, SERVER_REGISTRATION, EnrollmentStats, LOG],
        },
      ],
      exports: [AgentEnrollment, EnrollmentStats],
    };
  }
}
