/** What one browser's login must match when the provider sends it back: kept by the browser, sealed. */
export interface OidcFlow {
  state: string;
  nonce: string;
  codeVerifier: string;
}

/** unavailable: the provider could not be reached (502/503); rejected: its answer did not check out (400). */
export class OidcError extends Error {
  constructor(
    readonly kind: 'unavailable' | 'rejected',
    message: string,
  ) {
    super(message);
  }
}

/** The OpenID Connect provider, as a relying party sees it (authorization code flow with PKCE). */
export interface OidcClient {
  /** The provider's authorization URL for a new login, and what its callback must match. */
  begin(redirectUri: string): Promise<{ url: string; flow: OidcFlow }>;
  /** Checks the callback (state, issuer, audience, nonce, PKCE), redeems its code; the user's claims (ID token and userinfo). */
  finish(callbackUrl: URL, flow: OidcFlow): Promise<Record<string, unknown>>;
}

export const OIDC_CLIENT = Symbol('OidcClient');
