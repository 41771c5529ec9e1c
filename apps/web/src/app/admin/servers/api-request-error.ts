import type { ApiError } from '@sss/contracts/constants';

/** An /api request that failed: its status (0: the dashboard was not reached) and the API's own words (`message`, `details`). */
export class ApiRequestError extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly details: readonly string[] = [],
  ) {
    super(message);
  }

  /** From a response that is not ok; a body that is not the API's error shape gives the status line. */
  static async of(response: Pick<Response, 'status' | 'statusText' | 'json'>): Promise<ApiRequestError> {
    const body = (await response.json().catch(() => undefined)) as Partial<ApiError> | undefined;
    const message = typeof body?.message === 'string' ? body.message : `HTTP ${response.status} ${response.statusText}`.trim();
    const details = Array.isArray(body?.details) ? body.details.filter((d): d is string => typeof d === 'string') : [];
    return new ApiRequestError(response.status, message, details);
  }
}
