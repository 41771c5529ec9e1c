// The console's login API (README "Accounts"). Types and paths only: the browser imports them.

export const AUTH_PATHS = {
  login: '/api/auth/login',
  logout: '/api/auth/logout',
  me: '/api/auth/me',
  setup: '/api/auth/setup',
  password: '/api/auth/password',
  /** GET: whether OpenID Connect login is configured (OidcStatus). */
  oidc: '/api/auth/oidc',
  /** GET: redirects the browser to the provider. */
  oidcLogin: '/api/auth/oidc/login',
  /** GET: where the provider sends the browser back; redirects to / with a session. */
  oidcCallback: '/api/auth/oidc/callback',
} as const;

/** The session cookie: HttpOnly, SameSite=Strict, Secure under HTTPS. */
export const SESSION_COOKIE = 'sss_session';

export type AccountRole = 'admin' | 'viewer';

/** Who is logged in: the answer of login, setup and me. */
export interface AccountResponse {
  username: string;
  role: AccountRole;
}

export interface LoginRequest {
  username: string;
  password: string;
}

export interface SetupRequest extends LoginRequest {
  /** From the one-time link the dashboard prints at start while it has no admin. */
  token: string;
}

export interface PasswordChangeRequest {
  current: string;
  next: string;
}

/** Whether the login page offers "Sign in with <displayName>" (OpenID Connect). */
export interface OidcStatus {
  enabled: boolean;
  displayName?: string;
}
