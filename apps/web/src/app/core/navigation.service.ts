import { Injectable, signal } from '@angular/core';

/** The console's pages, read from the address bar. */
export type Page =
  | { kind: 'board' }
  | { kind: 'detail'; id: string; range: string | undefined }
  | { kind: 'login' }
  | { kind: 'setup' }
  /** `/admin/<section>`; `/admin` alone is the admin area's first section (the admin shell decides which exist). */
  | { kind: 'admin'; section: string | undefined };

const DETAIL_PATH = /^\/servers\/([^/]+)\/?$/;
const ADMIN_PATH = /^\/admin(?:\/([a-z-]+))?\/?$/;

function pageAt(location: Location): Page | undefined {
  if (location.pathname === '/') return { kind: 'board' };
  if (location.pathname === '/login') return { kind: 'login' };
  if (location.pathname === '/setup') return { kind: 'setup' };
  const admin = ADMIN_PATH.exec(location.pathname);
  if (admin) return { kind: 'admin', section: admin[1] };
  const detail = DETAIL_PATH.exec(location.pathname);
  if (!detail) return undefined;
  return { kind: 'detail', id: decodeURIComponent(detail[1]), range: new URLSearchParams(location.search).get('range') ?? undefined };
}

/**
 * The address bar as a signal. A few pages do not need Angular's router, which
 * was a quarter of the board's initial JavaScript; the History API is enough.
 */
@Injectable({ providedIn: 'root' })
export class Navigation {
  private readonly current = signal<Page>(this.read());
  readonly page = this.current.asReadonly();

  constructor() {
    addEventListener('popstate', () => this.current.set(this.read()));
  }

  /** Shows `url` (a path with an optional query) inside the app; `replace` keeps the back button where it was. */
  navigate(url: string, replace = false): void {
    if (replace) history.replaceState(null, '', url);
    else history.pushState(null, '', url);
    this.current.set(this.read());
  }

  /** A plain left click opens the link inside the app; any other (new tab, new window) is left to the browser. */
  follow(event: MouseEvent, url: string, replace = false): void {
    if (event.button !== 0 || event.ctrlKey || event.metaKey || event.shiftKey || event.altKey) return;
    event.preventDefault();
    this.navigate(url, replace);
  }

  /** An unknown address shows the board, and the address bar says so. */
  private read(): Page {
    const page = pageAt(location);
    if (page) return page;
    history.replaceState(null, '', '/');
    return { kind: 'board' };
  }
}
