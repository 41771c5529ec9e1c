import { type ClaimMapping, identityFrom } from '../domain/oidc-identity';
import type { Principal } from '../domain/account';
import type { Accounts } from './accounts';
import type { OidcClient, OidcFlow } from './ports/oidc-client.port';

export type OidcLoginResult =
  | { outcome: 'ok'; token: string; principal: Principal }
  /** The claims name nobody (neither the username claim nor sub). */
  | { outcome: 'no-identity' }
  /** The role claim holds none of the configured values. */
  | { outcome: 'no-role'; username: string }
  /** A user with a password has this name. */
  | { outcome: 'taken'; username: string };

/**
 * OpenID Connect login: the provider vouches for the user, its role claim
 * says admin, viewer or nobody, and the session is the same as a password
 * login's. Failures of the provider itself come as OidcError.
 */
export class OidcLogin {
  constructor(
    private readonly client: OidcClient,
    private readonly accounts: Accounts,
    private readonly mapping: ClaimMapping,
  ) {}

  begin(redirectUri: string): Promise<{ url: string; flow: OidcFlow }> {
    return this.client.begin(redirectUri);
  }

  async finish(callbackUrl: URL, flow: OidcFlow, address: string): Promise<OidcLoginResult> {
    const identity = identityFrom(await this.client.finish(callbackUrl, flow), this.mapping);
    if (!identity) return { outcome: 'no-identity' };
    if (identity.outcome === 'no-role') return identity;
    const login = await this.accounts.externalLogin(identity.principal, address);
    return login.outcome === 'ok'
      ? { outcome: 'ok', token: login.token, principal: identity.principal }
      : { outcome: 'taken', username: identity.principal.username };
  }
}
