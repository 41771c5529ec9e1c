import { DynamicModule, Module, type Provider } from '@nestjs/common';
import type { Log } from '@sss/log';
import { LOG } from '../platform/logging/log.token';
import type { DashboardSettings, OidcConfig } from '../platform/config/dashboard-config';
import { ACCOUNTS_OPTIONS, type AccountsSettings } from './accounts-settings';
import { ApiTokensController } from './adapters/inbound/http/api-tokens.controller';
import { AuditController } from './adapters/inbound/http/audit.controller';
import { AuthController } from './adapters/inbound/http/auth.controller';
import { GroupOrderAdminController } from './adapters/inbound/http/group-order-admin.controller';
import { ServersAdminController } from './adapters/inbound/http/servers-admin.controller';
import { BoardAccess } from './adapters/inbound/http/board-access';
import { RequestAuthenticator } from './adapters/inbound/http/request-authenticator';
import { SessionGuard } from './adapters/inbound/http/session.guard';
import { SetupLink } from './adapters/inbound/http/setup-link';
import { OidcController } from './adapters/inbound/http/oidc.controller';
import { OidcFlowCookie } from './adapters/inbound/http/oidc-flow-cookie';
import { OpenidClientOidc } from './adapters/outbound/oidc/openid-client.oidc';
import { OidcLogin } from './application/oidc-login';
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
  static register({ admin, board, publicUrl }: DashboardSettings, oidc?: OidcConfig): DynamicModule {
    const settings: AccountsSettings = {
      configuredAdmin: admin.passwordHash ? { username: admin.username, role: 'admin', passwordHash: admin.passwordHash } : undefined,
      limits: { idleMs: admin.sessionIdleMs, maxMs: admin.sessionMaxMs },
      publicBoard: board.public,
      oidc: oidc && { displayName: oidc.displayName, roleClaim: oidc.roleClaim },
      publicUrl,
      auditRetentionMs: admin.auditRetentionMs,
    };
    const oidcProviders: Provider[] = oidc
      ? [
          { provide: OidcFlowCookie, useValue: new OidcFlowCookie(oidc.clientSecret) },
          {
            provide: OidcLogin,
            useFactory: (accounts: Accounts) => new OidcLogin(new OpenidClientOidc(oidc), accounts, oidc),
            inject: [Accounts],
          },
        ]
      : [];
    return {
      module: AccountsModule,
      global: true,
      controllers: [
        AuthController,
        UsersController,
        ApiTokensController,
        AuditController,
        ServersAdminController,
        GroupOrderAdminController,
        ...(oidc ? [OidcController] : []),
      ],
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
        ...oidcProviders,
        AuditExpiryTimer,
      ],
      exports: [Accounts, AuditTrail, RequestAuthenticator, SessionGuard, BoardAccess, ACCOUNTS_OPTIONS],
    };
  }
}
