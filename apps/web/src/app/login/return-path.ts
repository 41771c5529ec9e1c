/**
 * Where a successful login goes: the page that sent the user here
 * (`/login?next=/admin/servers`), else the board. Only a path of this
 * origin: `next=//evil.example` or `next=https://evil.example` give the board.
 */
export function returnPath(search: string, origin: string): string {
  const next = new URLSearchParams(search).get('next');
  if (!next?.startsWith('/')) return '/';
  const url = new URL(next, origin);
  return url.origin === origin ? `${url.pathname}${url.search}` : '/';
}
