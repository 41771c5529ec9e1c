import type { INestApplication } from '@nestjs/common';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import { VERSION } from '@sss/config';
import { API_PATHS } from '@sss/contracts';

/**
 * The REST API's OpenAPI document at /api/docs-json and Swagger UI at
 * /api/docs, built from the controllers' decorators. The UI's scripts and
 * styles come from swagger-ui-dist on this server: nothing is fetched elsewhere.
 */
export function serveOpenApi(app: INestApplication): void {
  const config = new DocumentBuilder()
    .setTitle('SimpleServerStatus dashboard')
    .setDescription(
      "The live fleet, its history and the dashboard's own figures. Times are Unix milliseconds. Every error of an /api route is one JSON shape (ApiErrorDto). The live feed is the /ws-frontend WebSocket (PROTOCOL.md).",
    )
    .setVersion(VERSION)
    .build();
  const document = SwaggerModule.createDocument(app, config);
  SwaggerModule.setup(API_PATHS.docs.slice(1), app, document, {
    jsonDocumentUrl: API_PATHS.docsJson.slice(1),
    raw: ['json'],
    customSiteTitle: 'SimpleServerStatus API',
    // No badge from the public validator: the UI talks to this server only.
    swaggerOptions: { validatorUrl: null },
  });
}
