/** How long one acquisition of the jobs lease lasts, and how often its holder renews it: a replica that dies leaves it free within the ttl. */
export const LEASE_TTL_MS = 15_000;
export const LEASE_RENEW_MS = 5_000;
