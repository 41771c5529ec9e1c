import type { Principal, Role } from './account';

/** How an OpenID Connect provider's claims become a user of ours (config `oidc`). */
export interface ClaimMapping {
  roleClaim: string;
  adminValues: readonly string[];
  viewerValues: readonly string[];
  usernameClaim: string;
}

export type IdentityResult = { outcome: 'ok'; principal: Principal } | { outcome: 'no-role'; username: string };

/** A name longer than this is no username (the console shows it in its header). */
const MAX_USERNAME_LENGTH = 200;

/**
 * The user and role that a provider's claims stand for. The role claim may be
 * one string or a list; an admin value wins over a viewer value; neither means
 * no role (the login is refused).
 */
export function identityFrom(claims: Record<string, unknown>, mapping: ClaimMapping): IdentityResult | undefined {
  const named = claims[mapping.usernameClaim];
  const username = typeof named === 'string' && named !== '' ? named : claims.sub;
  if (typeof username !== 'string' || username === '' || username.length > MAX_USERNAME_LENGTH) return undefined;
  const raw = claims[mapping.roleClaim];
  const values = (Array.isArray(raw) ? raw : [raw]).filter((v): v is string => typeof v === 'string');
  const role: Role | undefined = values.some((v) => mapping.adminValues.includes(v))
    ? 'admin'
    : values.some((v) => mapping.viewerValues.includes(v))
      ? 'viewer'
      : undefined;
  return role ? { outcome: 'ok', principal: { username, role } } : { outcome: 'no-role', username };
}
