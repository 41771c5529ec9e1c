import { isWitnessed, witnessIssuedSecret, witnessResponse, witnessSecrets } from './leak-witness';

/**
 * Jest setup of the e2e project: `fetch` as the tests use it, plus the leak
 * witness (leak-witness.ts): the credentials each request carries and the
 * body of each response, read from a clone so that the test reads its own.
 */
const realFetch = globalThis.fetch;

globalThis.fetch = async (input: string | URL | Request, init?: RequestInit): Promise<Response> => {
  const url = input instanceof Request ? input.url : String(input);
  if (!isWitnessed(url)) return realFetch(input, init);
  const headers = new Headers(init?.headers ?? (input instanceof Request ? input.headers : undefined));
  witnessIssuedSecret(headers.get('authorization')?.replace(/^Bearer\s+/i, ''));
  witnessSecrets(...cookieValues(headers.get('cookie')));
  if (typeof init?.body === 'string') witnessSecrets(...passwordsIn(init.body));
  const res = await realFetch(input, init);
  witnessSecrets(...cookieValues(res.headers.get('set-cookie')?.split(';')[0] ?? null));
  const method = init?.method ?? 'GET';
  res
    .clone()
    .text()
    .then(
      (body) => witnessResponse(method, url, body),
      () => undefined, // aborted or cut: nothing came back to look at
    );
  return res;
};

function cookieValues(header: string | null): string[] {
  return (header ?? '').split(';').map((pair) => pair.slice(pair.indexOf('=') + 1).trim());
}

/** The password fields of a JSON body (login, setup, a password change). */
function passwordsIn(body: string): string[] {
  try {
    const parsed = JSON.parse(body) as Record<string, unknown>;
    return ['password', 'current', 'next'].map((key) => parsed?.[key]).filter((v): v is string => typeof v === 'string');
  } catch {
    return [];
  }
}
