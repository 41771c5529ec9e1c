/** An /api answer other than 2xx, with the message of the API's one error shape. */
export class ApiFailure extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

/** Sends `body` as JSON (the only body the admin API takes) and parses the JSON answer; 204 gives undefined. */
export async function adminRequest<T>(method: string, path: string, body?: unknown): Promise<T> {
  const response = await fetch(path, {
    method,
    headers: body === undefined ? {} : { 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await response.text();
  if (!response.ok) {
    const error = text ? (JSON.parse(text) as { message?: string; details?: string[] }) : {};
    throw new ApiFailure(response.status, error.details?.join('; ') ?? error.message ?? `HTTP ${response.status}`);
  }
  return (text ? JSON.parse(text) : undefined) as T;
}
