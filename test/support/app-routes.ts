import { API_PATHS } from '@sss/contracts';
import type { DashboardProcess } from './dashboard-process';

/** Something a client can ask of the dashboard: an HTTP method and a path (`:name` for a parameter), or `WS` and a WebSocket path. */
export interface AppRoute {
  method: string;
  path: string;
}

export const routeName = (route: AppRoute): string => `${route.method} ${route.path}`;

/**
 * Every route a running dashboard answers, read from the dashboard itself, so a
 * route added later is found without anyone listing it. The dashboard must run
 * with `SSS_LOG_LEVEL=debug` (Nest's route table is a debug line per route).
 * - Nest's route table: the `Mapped {path, METHOD} route` lines it logs at
 *   start, every controller's routes, also those the OpenAPI document leaves out
 *   (`/metrics`);
 * - the OpenAPI document, whose every operation must be in that table;
 * - what Express serves outside Nest: the OpenAPI UI and the files its page
 *   loads, the console's index.html (at `/`; any other page path gets the same
 *   file) and the files it references;
 * - both WebSocket paths, from the `dashboard listening` line.
 */
export async function appRoutes(dashboard: DashboardProcess): Promise<AppRoute[]> {
  const mapped = [...dashboard.logs.matchAll(/Mapped \{([^,]+), (\w+)\} route/g)].map(([, path, method]) => ({ method, path }));
  if (mapped.length === 0) throw new Error('no "Mapped {...} route" lines: start the dashboard with SSS_LOG_LEVEL=debug');
  const document = (await (await fetch(dashboard.url(API_PATHS.docsJson, 'http'))).json()) as { paths: Record<string, object> };
  const documented = Object.entries(document.paths).flatMap(([path, operations]) =>
    Object.keys(operations).map((method) => ({ method: method.toUpperCase(), path: path.replace(/\{(\w+)\}/g, ':$1') })),
  );
  const known = new Set(mapped.map(routeName));
  const invented = documented.filter((route) => !known.has(routeName(route)));
  if (invented.length > 0) throw new Error(`the OpenAPI document lists routes Nest did not map: ${invented.map(routeName).join(', ')}`);

  const listening = /dashboard listening .*report="([^"]+)" frontend="([^"]+)"/.exec(dashboard.logs);
  if (!listening) throw new Error('no "dashboard listening" line with the WebSocket paths');
  const sockets = [listening[1], listening[2]].map((path) => ({ method: 'WS', path }));

  const pages = [API_PATHS.docs, '/'];
  const files = (await Promise.all(pages.map((page) => referencedFiles(dashboard, page)))).flat();
  const served = [...pages, API_PATHS.docsJson, ...files].map((path) => ({ method: 'GET', path }));

  const all = new Map([...mapped, ...documented, ...sockets, ...served].map((route) => [routeName(route), route]));
  return [...all.values()];
}

/** The paths of this dashboard that the page at `path` loads or links to (scripts, styles, icons, preloads). */
async function referencedFiles(dashboard: DashboardProcess, path: string): Promise<string[]> {
  const page = new URL(dashboard.url(path, 'http'));
  const html = await (await fetch(page)).text();
  return [...html.matchAll(/(?:src|href)="([^"]+)"/g)]
    .map(([, reference]) => new URL(reference, page))
    .filter((url) => url.origin === page.origin)
    .map((url) => url.pathname);
}
