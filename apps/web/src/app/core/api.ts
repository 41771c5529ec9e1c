/** An /api route answered 404: the thing asked for does not exist. */
export class NotFoundError extends Error {
  constructor(readonly path: string) {
    super(`${path}: not found`);
  }
}

/** A route of API_PATHS with its `:id` filled in. */
export function apiPath(template: string, id: string): string {
  return template.replace(':id', encodeURIComponent(id));
}

/** GETs `path` and parses its JSON body; a 404 throws NotFoundError, any other failure an Error. */
export async function getJson<T>(path: string, signal?: AbortSignal): Promise<T> {
  const response = await fetch(path, { signal });
  if (response.status === 404) throw new NotFoundError(path);
  if (!response.ok) throw new Error(`${path}: HTTP ${response.status}`);
  return (await response.json()) as T;
}
