import { DynamicModule, Module } from '@nestjs/common';
import type { AdminConfig, BoardConfig } from '../platform/config/dashboard-config';
import { ACCOUNTS_OPTIONS, type AccountsSettings } from './accounts-settings';
import { AuthController } from './adapters/inbound/http/auth.controller';
import { ServersAdminController } from './adapters/inbound/http/servers-admin.controller';
import { BoardAccess } from './adapters/inbound/http/board-access';
import { SessionGuard } from './adapters/inbound/http/session.guard';
import { SetupLink } from './adapters/inbound/http/setup-link';
import { NodeAccountCrypto } from './adapters/outbound/crypto/node-account.crypto';
import { Accounts } from './application/accounts';
import { ACCOUNT_STORE, type AccountStore } from './application/ports/account-store.port';
import { ACCOUNT_CRYPTO, type AccountCrypto } from './application/ports/account-crypto.port';

/** Users, logins and sessions (README "Accounts"), and server management (/api/admin/servers). Global: every capability's protected routes use its guard. */
@Module({})
export class AccountsModule {
  static register(admin: AdminConfig, board: BoardConfig): DynamicModule {
    const settings: AccountsSettings = {
      configuredAdmin: admin.passwordHash ? { username: admin.username, role: 'admin', passwordHash: admin.passwordHash } : undefined,
      limits: { idleMs: admin.sessionIdleMs, maxMs: admin.sessionMaxMs },
      publicBoard: board.public,
    };
    return {
      module: AccountsModule,
      global: true,
      controllers: [AuthController, ServersAdminController],
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
      ],
      exports: [Accounts, SessionGuard, BoardAccess, ACCOUNTS_OPTIONS],
    };
  }
}
