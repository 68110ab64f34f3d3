import type { IncomingMessage } from 'node:http';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { json } from 'express';
import { Logger } from 'nestjs-pino';
import type { AppConfig } from '../config/app-config.js';
import { assignRequestId } from '../common/http/request-id.middleware.js';
import { declaredBodyLimit } from '../common/http/declared-body-limit.middleware.js';
import { jsonBodyOnly } from '../common/http/json-body-only.middleware.js';
import { refuseDeepJson } from '../common/http/json-depth.js';
import { httpDrainOf } from './http-drain.js';
import { QuietBootLogger } from './quiet-boot-logger.js';
import { servedOpenApi } from './served-openapi.js';
import { corsOptions, securityHeadersMiddleware } from './http-edge-policy.js';
import { buildOpenApiDocument, mountSwaggerUi } from './swagger.js';

// Routes that will carry raw upstream bodies (the relay) parse nothing themselves.
const RAW_BODY_PREFIXES = ['/v1/api/'];

// body-parser's `type` predicate: raw-body routes keep their stream unread (Express routes ignore case, so must this).
function unlessRaw(contentType: RegExp) {
  return (req: IncomingMessage): boolean =>
    !RAW_BODY_PREFIXES.some((p) => (req.url ?? '').toLowerCase().startsWith(p)) && contentType.test(req.headers['content-type'] ?? '');
}

/** Everything about the HTTP edge, shared by main.ts and the tests so both see one app. */
export function configureApp(app: NestExpressApplication, config: AppConfig): void {
  app.useLogger(new QuietBootLogger(app.get(Logger)));
  app.use(assignRequestId);
  // Shutdown draining (Connection: close, then 503 on old connections): before anything does work.
  app.use(httpDrainOf(app).middleware);
  app.disable('x-powered-by');
  app.set('trust proxy', config.http.trustProxy);
  app.use(securityHeadersMiddleware());
  app.enableCors(corsOptions(config));
  app.use(jsonBodyOnly(RAW_BODY_PREFIXES));
  app.use(declaredBodyLimit(config.http.bodyLimitBytes, RAW_BODY_PREFIXES));
  // express.json directly (what useBodyParser mounts): Nest's options type hides `verify`, which the depth check needs.
  app.use(
    json({
      limit: config.http.bodyLimitBytes,
      verify: refuseDeepJson(config.http.jsonMaxDepth),
      type: unlessRaw(/^application\/(json|[\w.+-]+\+json)\s*(;|$)/i),
    }),
  );
  app.useBodyParser('urlencoded', { limit: config.http.bodyLimitBytes, extended: false, type: unlessRaw(/^application\/x-www-form-urlencoded\s*(;|$)/i) });
  const served = servedOpenApi(app, () => buildOpenApiDocument(app));
  mountSwaggerUi(app, served.document, served.patchDocumentOnRequest);
}
