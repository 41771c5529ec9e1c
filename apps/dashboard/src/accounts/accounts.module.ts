import { DynamicModule, Module, type Provider } from '@nestjs/common';
import type { DashboardSettings, OidcConfig } from '../platform/config/dashboard-config';
import { ACCOUNTS_OPTIONS, type AccountsSettings } from './accounts-settings';
import { AuthController } from './adapters/inbound/http/auth.controller';
import { ServersAdminController } from './adapters/inbound/http/servers-admin.controller';
import { BoardAccess } from './adapters/inbound/http/board-access';
import { SessionGuard } from './adapters/inbound/http/session.guard';
import { SetupLink } from './adapters/inbound/http/setup-link';
import { OidcController } from './adapters/inbound/http/oidc.controller';
import { OidcFlowCookie } from './adapters/inbound/http/oidc-flow-cookie';
import { OpenidClientOidc } from './adapters/outbound/oidc/openid-client.oidc';
import { OidcLogin } from './application/oidc-login';
import { NodeAccountCrypto } from './adapters/outbound/crypto/node-account.crypto';
import { Accounts } from './application/accounts';
import { ACCOUNT_STORE, type AccountStore } from './application/ports/account-store.port';
import { ACCOUNT_CRYPTO, type AccountCrypto } from './application/ports/account-crypto.port';

/** Users, logins and sessions (README "Accounts"), and server management (/api/admin/servers). Global: every capability's protected routes use its guard. */
@Module({})
export class AccountsModule {
  static register({ admin, board, publicUrl }: DashboardSettings, oidc?: OidcConfig): DynamicModule {
    const settings: AccountsSettings = {
      configuredAdmin: admin.passwordHash ? { username: admin.username, role: 'admin', passwordHash: admin.passwordHash } : undefined,
      limits: { idleMs: admin.sessionIdleMs, maxMs: admin.sessionMaxMs },
      publicBoard: board.public,
      oidc: oidc && { displayName: oidc.displayName, roleClaim: oidc.roleClaim },
      publicUrl,
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
      controllers: [AuthController, ServersAdminController, ...(oidc ? [OidcController] : [])],
      providers: [
        { provide: ACCOUNTS_OPTIONS, useValue: settings },
        { provide: ACCOUNT_CRYPTO, useClass: NodeAccountCrypto },
        {
          provide: Accounts,
          useFactory: (store: AccountStore, crypto: AccountCrypto) => new Accounts(store, crypto, { ...settings, now: Date.now }),
          inject: [ACCOUNT_STORE, ACCOUNT_CRYPTO],
        },
        SessionGuard,
        BoardAccess,
        SetupLink,
        ...oidcProviders,
      ],
      exports: [Accounts, SessionGuard, BoardAccess, ACCOUNTS_OPTIONS],
    };
  }
}
