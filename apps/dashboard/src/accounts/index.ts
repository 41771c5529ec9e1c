// What other capabilities may use of accounts.
export { AccountsModule } from './accounts.module';
export { Accounts } from './application/accounts';
export { AuditTrail, type AuditRecord } from './application/audit-trail';
export { RequireRole, SessionGuard, actorOf, principalOf } from './adapters/inbound/http/session.guard';
export { AdminOnly } from './adapters/inbound/http/admin-only.decorator';
export { BoardAccess, seesHidden, type BoardViewer } from './adapters/inbound/http/board-access';
export { RequestAuthenticator, bearerToken } from './adapters/inbound/http/request-authenticator';
export { sessionToken } from './adapters/inbound/http/session-cookie';
export type { Principal, Role } from './domain/account';
export { enrollCommands, reportUrlOf } from './adapters/inbound/http/install-commands';
export { expiryProblem } from './adapters/inbound/http/admin.dto';
