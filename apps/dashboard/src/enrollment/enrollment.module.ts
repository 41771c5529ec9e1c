import { DynamicModule, Module } from '@nestjs/common';
import type { Log } from '@sss/log';
import { SERVER_CATALOG, SERVER_REGISTRATION, type ServerCatalog, type ServerRegistration } from '../catalog';
import type { EnrollmentConfig } from '../platform/config/dashboard-config';
import { LOG } from '../platform/logging/log.token';
import { ConfigEnrollmentKeys } from './adapters/outbound/config/config-enrollment-keys';
import { KubernetesTokenReviewer } from './adapters/outbound/kubernetes/kubernetes-token-reviewer';
import { AgentEnrollment } from './application/agent-enrollment';
import { EnrollmentStats } from './application/enrollment-stats';
import { KubernetesIdentity } from './application/kubernetes-identity';

/**
 * Admitting agents the catalog does not know yet: enrollment keys and
 * Kubernetes identity (README "Enrollment"). Global, like the catalog: the
 * fleet's agent sessions ask it, /api/stats and /metrics read its counters.
 */
@Module({})
export class EnrollmentModule {
  /** The enrollment settings with the keys' secrets: only this module holds them. */
  static register(config: EnrollmentConfig, maxAgents: number): DynamicModule {
    const { kubernetes } = config;
    return {
      module: EnrollmentModule,
      global: true,
      providers: [
        EnrollmentStats,
        {
          provide: AgentEnrollment,
          useFactory: (catalog: ServerCatalog, registration: ServerRegistration, stats: EnrollmentStats, log: Log) => {
            const now = () => Date.now();
            const identity = kubernetes.enabled
              ? new KubernetesIdentity(new KubernetesTokenReviewer(kubernetes), { ...kubernetes, cacheEntries: maxAgents }, now, stats, log)
              : undefined;
            return new AgentEnrollment(new ConfigEnrollmentKeys(config.keys), identity, catalog, registration, now, stats, log);
          },
          inject: [SERVER_CATALOG, SERVER_REGISTRATION, EnrollmentStats, LOG],
        },
      ],
      exports: [AgentEnrollment, EnrollmentStats],
    };
  }
}
