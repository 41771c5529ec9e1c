import type { NestExpressApplication } from '@nestjs/platform-express';
import helmet from 'helmet';

/**
 * Security headers on every response, by helmet. The CSP is the console's:
 * only its own scripts, images, fonts and WebSocket ('self' covers ws:/wss:
 * on the same host); Angular adds component styles at run time, hence
 * 'unsafe-inline' for styles (scripts stay strict). No
 * upgrade-insecure-requests and no HSTS: the dashboard serves plain HTTP by
 * default, where the one would turn the console's ws:// into a failing wss://
 * and the other is for a TLS front to decide.
 */
export function useSecurityHeaders(app: NestExpressApplication): void {
  app.disable('x-powered-by');
  app.use(
    helmet({
      contentSecurityPolicy: {
        useDefaults: false,
        directives: {
          defaultSrc: ["'self'"],
          scriptSrc: ["'self'"],
          styleSrc: ["'self'", "'unsafe-inline'"],
          imgSrc: ["'self'", 'data:'],
          connectSrc: ["'self'"],
          fontSrc: ["'self'"],
          objectSrc: ["'none'"],
          baseUri: ["'self'"],
          formAction: ["'self'"],
          frameAncestors: ["'none'"],
        },
      },
      strictTransportSecurity: false,
      xFrameOptions: { action: 'deny' },
      referrerPolicy: { policy: 'no-referrer' },
    }),
  );
}
