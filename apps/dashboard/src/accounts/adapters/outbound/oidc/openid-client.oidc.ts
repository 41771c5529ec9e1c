import type { Configuration } from 'openid-client';
import type { OidcConfig } from '../../../../platform/config/dashboard-config';
import { type OidcClient, OidcError, type OidcFlow } from '../../../application/ports/oidc-client.port';

type OpenidClient = typeof import('openid-client');
let library: OpenidClient | undefined;

/**
 * openid-client is an ES module: loaded on the first login (Node 20.19+ require()s it), so a
 * process that never signs anyone in through a provider, a jest suite among them, never loads it.
 */
function openidClient(): OpenidClient {
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- loaded on first use, see above
  return (library ??= require('openid-client') as OpenidClient);
}

/** Seconds a request to the provider may take before the login is answered "provider unavailable". */
const PROVIDER_TIMEOUT_SECONDS = 10;

/**
 * OidcClient over openid-client. The provider's metadata is discovered on the
 * first login rather than at start, so a provider that is down delays no
 * start; a failed discovery is tried again on the next login.
 */
export class OpenidClientOidc implements OidcClient {
  private configuration?: Promise<Configuration>;

  constructor(private readonly settings: OidcConfig) {}

  async begin(redirectUri: string): Promise<{ url: string; flow: OidcFlow }> {
    const config = await this.discovered();
    const oidc = openidClient();
    const flow: OidcFlow = { state: oidc.randomState(), nonce: oidc.randomNonce(), codeVerifier: oidc.randomPKCECodeVerifier() };
    const url = oidc.buildAuthorizationUrl(config, {
      redirect_uri: redirectUri,
      scope: this.settings.scopes,
      state: flow.state,
      nonce: flow.nonce,
      code_challenge: await oidc.calculatePKCECodeChallenge(flow.codeVerifier),
      code_challenge_method: 'S256',
    });
    return { url: url.href, flow };
  }

  async finish(callbackUrl: URL, flow: OidcFlow): Promise<Record<string, unknown>> {
    const config = await this.discovered();
    const oidc = openidClient();
    try {
      const tokens = await oidc.authorizationCodeGrant(config, callbackUrl, {
        pkceCodeVerifier: flow.codeVerifier,
        expectedState: flow.state,
        expectedNonce: flow.nonce,
        idTokenExpected: true,
      });
      const claims = tokens.claims()!;
      // Many providers put groups and profile claims in the userinfo answer only, not in the ID token.
      const info = config.serverMetadata().userinfo_endpoint ? await oidc.fetchUserInfo(config, tokens.access_token, claims.sub) : {};
      return { ...claims, ...info };
    } catch (err) {
      throw failure(err, this.settings.issuer, 'the provider refused the sign-in');
    }
  }

  private discovered(): Promise<Configuration> {
    const { issuer, clientId, clientSecret } = this.settings;
    const oidc = openidClient();
    this.configuration ??= oidc
      .discovery(new URL(issuer), clientId, undefined, oidc.ClientSecretBasic(clientSecret), {
        timeout: PROVIDER_TIMEOUT_SECONDS,
        // The config accepts plain http for a provider on this machine only.
        ...(issuer.startsWith('http:') ? { execute: [oidc.allowInsecureRequests] } : {}),
      })
      .catch((err: unknown) => {
        this.configuration = undefined;
        throw failure(err, issuer);
      });
    return this.configuration;
  }
}

/**
 * Why a request to the provider failed. Unreachable (network failures, timeouts) or failing itself
 * (an answer with a 5xx status) is "unavailable"; any other failure is a refusal when `refusal`
 * names one (the code exchange), else "unavailable" too (discovery).
 */
function failure(err: unknown, issuer: string, refusal?: string): OidcError {
  const e = err as { name?: string; message?: string; error?: string; error_description?: string };
  if (e.name === 'TypeError' || e.name === 'TimeoutError' || e.name === 'AbortError') {
    return new OidcError('unavailable', `the provider ${issuer} cannot be reached: ${networkCode(err) ?? e.message ?? String(err)}`);
  }
  const status = httpStatus(err);
  if (status !== undefined && status >= 500) return new OidcError('unavailable', `the provider ${issuer} failed: HTTP ${status}`);
  const detail = e.error ? `${e.error}${e.error_description ? ` (${e.error_description})` : ''}` : (e.message ?? String(err));
  return refusal === undefined
    ? new OidcError('unavailable', `the provider ${issuer} cannot be reached: ${detail}`)
    : new OidcError('rejected', `${refusal}: ${detail}`);
}

/**
 * The status of the provider's answer behind an openid-client error: an answer that is not an
 * OAuth error (which only a 4xx carries) is the error's cause.
 */
function httpStatus(err: unknown): number | undefined {
  const cause = (err as { cause?: unknown }).cause;
  return cause instanceof Response ? cause.status : undefined;
}

/** The system error code (ECONNREFUSED, ENOTFOUND...) that fetch wraps as the cause of its "fetch failed". */
function networkCode(err: unknown): string | undefined {
  for (let e = err as { code?: unknown; cause?: unknown } | undefined; e; e = e.cause as typeof e) {
    if (typeof e.code === 'string') return e.code;
  }
  return undefined;
}
