import { DynamicModule, Module } from '@nestjs/common';
import type { Log } from '@sss/log';
import { LOG } from '../platform/logging/log.token';
import type { AdminConfig, BoardConfig } from '../platform/config/dashboard-config';
import { ACCOUNTS_OPTIONS, type AccountsSettings } from './accounts-settings';
import { ApiTokensController } from './adapters/inbound/http/api-tokens.controller';
import { AuditController } from './adapters/inbound/http/audit.controller';
import { AuthController } from './adapters/inbound/http/auth.controller';
import { ServersAdminController } from './adapters/inbound/http/servers-admin.controller';
import { BoardAccess } from './adapters/inbound/http/board-access';
import { RequestAuthenticator } from './adapters/inbound/http/request-authenticator';
import { SessionGuard } from './adapters/inbound/http/session.guard';
import { SetupLink } from './adapters/inbound/http/setup-link';
import { UsersController } from './adapters/inbound/http/users.controller';
import { AuditExpiryTimer } from './adapters/inbound/timers/audit-expiry.timer';
import { NodeAccountCrypto } from './adapters/outbound/crypto/node-account.crypto';
import { Accounts } from './application/accounts';
import { ApiTokens } from './application/api-tokens';
import { AuditTrail } from './application/audit-trail';
import { ACCOUNT_STORE, type AccountStore } from './application/ports/account-store.port';
import { ACCOUNT_CRYPTO, type AccountCrypto } from './application/ports/account-crypto.port';
import { AUDIT_STORE, type AuditStore } from './application/ports/audit-store.port';
import { UserAdmin } from './application/user-admin';

/**
 * Users, logins, sessions, API tokens, the audit log (README "Accounts"),
 * and server management (/api/admin/servers). Global: every capability's
 * protected routes use its guards, and admin actions elsewhere are recorded
 * through its AuditTrail.
 */
@Module({})
export class AccountsModule {
  static register(admin: AdminConfig, board: BoardConfig): DynamicModule {
    const settings: AccountsSettings = {
      configuredAdmin: admin.passwordHash ? { username: admin.username, role: 'admin', passwordHash: admin.passwordHash } : undefined,
      limits: { idleMs: admin.sessionIdleMs, maxMs: admin.sessionMaxMs },
      publicBoard: board.public,
      auditRetentionMs: admin.auditRetentionMs,
    };
    return {
      module: AccountsModule,
      global: true,
      controllers: [AuthController, UsersController, ApiTokensController, AuditController, ServersAdminController],
      providers: [
        { provide: ACCOUNTS_OPTIONS, useValue: settings },
        { provide: ACCOUNT_CRYPTO, useClass: NodeAccountCrypto },
        {
          provide: AuditTrail,
          useFactory: (store: AuditStore, log: Log) =>
            new AuditTrail(store, log.child('AuditTrail'), { retentionMs: settings.auditRetentionMs, now: Date.now }),
          inject: [AUDIT_STORE, LOG],
        },
        {
          provide: Accounts,
          useFactory: (store: AccountStore, crypto: AccountCrypto, audit: AuditTrail) =>
            new Accounts(store, crypto, audit, { ...settings, now: Date.now }),
          inject: [ACCOUNT_STORE, ACCOUNT_CRYPTO, AuditTrail],
        },
        {
          provide: ApiTokens,
          useFactory: (store: AccountStore, crypto: AccountCrypto, audit: AuditTrail) => new ApiTokens(store, crypto, audit, Date.now),
          inject: [ACCOUNT_STORE, ACCOUNT_CRYPTO, AuditTrail],
        },
        {
          provide: UserAdmin,
          useFactory: (store: AccountStore, crypto: AccountCrypto, audit: AuditTrail) =>
            new UserAdmin(store, crypto, audit, settings.configuredAdmin),
          inject: [ACCOUNT_STORE, ACCOUNT_CRYPTO, AuditTrail],
        },
        RequestAuthenticator,
        SessionGuard,
        BoardAccess,
        SetupLink,
        AuditExpiryTimer,
      ],
      exports: [Accounts, AuditTrail, RequestAuthenticator, SessionGuard, BoardAccess, ACCOUNTS_OPTIONS],
    };
  }
}
