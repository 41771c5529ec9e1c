import type { AdminServer, AdminServerCreate, AdminServerEdit, TrafficDirection } from '@sss/contracts/constants';

/** Units the quota field offers, as the config file reads them (`1TB` is 10^12 bytes, `1TiB` 2^40). */
export const QUOTA_UNITS = { MB: 1e6, GB: 1e9, TB: 1e12, MiB: 1024 ** 2, GiB: 1024 ** 3, TiB: 1024 ** 4 } as const;
export type QuotaUnit = keyof typeof QUOTA_UNITS;
const LARGEST_FIRST = (Object.keys(QUOTA_UNITS) as QuotaUnit[]).sort((a, b) => QUOTA_UNITS[b] - QUOTA_UNITS[a]);

/** The add/edit form as the admin typed it: text as typed, checkboxes as booleans. */
export interface ServerFormValues {
  serverId: string;
  name: string;
  group: string;
  countryCode: string;
  /** Comma-separated. */
  tags: string;
  hidden: boolean;
  notes: string;
  /** Whether the server has a traffic plan at all. */
  traffic: boolean;
  resetDay: string;
  direction: TrafficDirection;
  /** Empty: no quota. */
  quota: string;
  quotaUnit: QuotaUnit;
}

/** The form filled with a server's fields, or empty for a new one. */
export function formValuesOf(server?: AdminServer): ServerFormValues {
  const plan = server?.traffic;
  const quota = plan?.quotaBytes == null ? undefined : quotaOf(plan.quotaBytes);
  return {
    serverId: server?.serverId ?? '',
    name: server?.name ?? '',
    group: server?.group ?? '',
    countryCode: server?.countryCode ?? '',
    tags: server?.tags.join(', ') ?? '',
    hidden: server?.hidden ?? false,
    notes: server?.notes ?? '',
    traffic: plan !== undefined,
    resetDay: String(plan?.resetDay ?? 1),
    direction: plan?.direction ?? 'sum',
    quota: quota ? String(quota.value) : '',
    quotaUnit: quota?.unit ?? 'GB',
  };
}

/** A quota in the largest unit that writes it as a whole number (else in GB, with decimals). */
export function quotaOf(bytes: number): { value: number; unit: QuotaUnit } {
  const unit = LARGEST_FIRST.find((u) => bytes % QUOTA_UNITS[u] === 0) ?? 'GB';
  return { value: bytes / QUOTA_UNITS[unit], unit };
}

/**
 * The PATCH body: every field, an empty one as null (cleared). The number
 * fields are `<input type=number>` with their bounds, so the browser refuses
 * a malformed one before this runs; the API checks the rest and names the field.
 */
export function editRequest(values: ServerFormValues): Required<Omit<AdminServerEdit, 'weight'>> {
  const text = (value: string) => value.trim() || null;
  const quota = values.quota.trim();
  return {
    name: text(values.name),
    group: text(values.group),
    countryCode: text(values.countryCode)?.toUpperCase() ?? null,
    tags: tagsOf(values.tags),
    hidden: values.hidden,
    notes: text(values.notes),
    traffic: values.traffic
      ? {
          resetDay: Number(values.resetDay),
          direction: values.direction,
          quotaBytes: quota ? Math.round(Number(quota) * QUOTA_UNITS[values.quotaUnit]) : null,
        }
      : null,
  };
}

/** The POST body: the id and the fields given (a new server has nothing to clear). */
export function createRequest(values: ServerFormValues): AdminServerCreate {
  const fields = Object.entries(editRequest(values)).filter(([, value]) => value !== null);
  return { serverId: values.serverId.trim(), ...Object.fromEntries(fields) };
}

/** `a, b ,,a` → `['a', 'b']`: trimmed, without blanks and repeats. */
export function tagsOf(text: string): string[] {
  return [...new Set(text.split(',').map((tag) => tag.trim()))].filter(Boolean);
}
