import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { NestExpressApplication } from '@nestjs/platform-express';
import type { Log } from '@sss/log';
import compression from 'compression';
import type { NextFunction, Request, Response } from 'express';

/** Never answered by the console: the API, the WebSocket channels, the probes and /metrics stay Nest's. */
const RESERVED = /^\/(api(\/|$)|ws-|healthz$|readyz$|metrics$)/;
/** Angular's output hashing (`main-2UDWBVSW.js`): the name changes whenever the content does. */
const HASHED = /-[A-Z0-9]{8}\.[a-z0-9]+$/;
/** A missing file like these is a 404, not the page (a stale chunk must not get HTML back). */
const FILE_LIKE = /\.(m?js|css|map|svg|png|jpe?g|gif|webp|ico|json|txt|woff2?)$/i;

/**
 * The page's CSP: only its own scripts, its own images and its own
 * WebSocket ('self' covers ws:/wss: on the same host). Angular adds component
 * styles at run time, hence 'unsafe-inline' for styles (scripts stay strict).
 */
const CSP = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data:",
  "connect-src 'self'",
  "font-src 'self'",
  "object-src 'none'",
  "base-uri 'self'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join('; ');

const SECURITY_HEADERS: Record<string, string> = {
  'Content-Security-Policy': CSP,
  'X-Content-Type-Options': 'nosniff',
  'X-Frame-Options': 'DENY',
  'Referrer-Policy': 'no-referrer',
  'Cross-Origin-Opener-Policy': 'same-origin',
};

/**
 * Inbound adapter: serves the built Angular console on the dashboard's own
 * port. Hashed assets are cached for a year, index.html is revalidated every
 * time (so a deploy shows at the next reload), unknown page paths get
 * index.html so deep links survive a reload. Call before `listen`, so it runs
 * ahead of Nest's routes.
 */
export function serveStaticSite(app: NestExpressApplication, webRoot: string, parentLog: Log): void {
  const log = parentLog.child('StaticSite');
  const root = resolve(webRoot);
  const index = join(root, 'index.html');
  app.use(compression());
  app.use((_req: Request, res: Response, next: NextFunction) => {
    res.set(SECURITY_HEADERS);
    next();
  });

  if (!existsSync(index)) {
    log.warn('console build not found; serving a placeholder at /', { webRoot: root, build: 'npm run build:web' });
    app.use(
      onPagePaths((_req, res) =>
        res.status(503).type('text/plain').send('The console is not built. Run `npm run build:web` and restart the dashboard.\n'),
      ),
    );
    return;
  }

  log.info('serving console', { webRoot: root });
  app.useStaticAssets(root, {
    index: false,
    redirect: false,
    setHeaders: (res: Response, path: string) =>
      res.setHeader('Cache-Control', HASHED.test(path) ? 'public, max-age=31536000, immutable' : 'public, max-age=3600'),
  });
  app.use(
    onPagePaths((_req, res) => {
      res.setHeader('Cache-Control', 'no-cache');
      res.sendFile(index, { cacheControl: false });
    }),
  );
}

/** Runs `handler` for GET/HEAD of any path that is neither reserved nor a file name; everything else goes on to Nest. */
function onPagePaths(handler: (req: Request, res: Response) => void) {
  return (req: Request, res: Response, next: NextFunction) => {
    if ((req.method === 'GET' || req.method === 'HEAD') && !RESERVED.test(req.path) && !FILE_LIKE.test(req.path)) handler(req, res);
    else next();
  };
}
