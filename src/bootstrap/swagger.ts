import type { INestApplication } from '@nestjs/common';
import { DocumentBuilder, SwaggerModule, type OpenAPIObject, type SwaggerCustomOptions } from '@nestjs/swagger';
import { SECURE_SESSION_COOKIE } from '../sessions/session-cookie.js';
import {
  SESSION_BEARER_SCHEME,
  SESSION_COOKIE_SCHEME,
  sessionBearerScheme,
  sessionCookieScheme,
  swaggerRequestInterceptor,
} from '../sessions/session-openapi.js';

/** The spec is a pure function of the code: the committed openapi.json must equal it. */
export function buildOpenApiDocument(app: INestApplication): OpenAPIObject {
  const config = new DocumentBuilder()
    .setTitle('oauth-bff')
    .setDescription(
      'Backend-for-frontend for OAuth 2.0 provider APIs. Browsers use an HttpOnly cookie session, ' +
        'native apps a bearer session token; provider tokens never leave the server. ' +
        'Every error is application/problem+json with a stable `code`.',
    )
    .setVersion('1')
    .addCookieAuth(SECURE_SESSION_COOKIE, sessionCookieScheme, SESSION_COOKIE_SCHEME)
    .addBearerAuth(sessionBearerScheme, SESSION_BEARER_SCHEME)
    .build();
  return SwaggerModule.createDocument(app, config, {
    // Method names as operation ids give generated clients readable function names.
    operationIdFactory: (_controllerKey, methodKey) => methodKey,
    // Tags come from @ApiTags only: the automatic controller-name tag duplicated them (`Relay` and `relay`).
    autoTagControllers: false,
  });
}

/** `document` is built at the first request for the spec (Swagger UI's init script, /docs/openapi.json). */
export function mountSwaggerUi(app: INestApplication, document: () => OpenAPIObject, patchDocumentOnRequest?: SwaggerCustomOptions['patchDocumentOnRequest']): void {
  SwaggerModule.setup('docs', app, document, {
    patchDocumentOnRequest,
    jsonDocumentUrl: 'docs/openapi.json',
    yamlDocumentUrl: 'docs/openapi.yaml',
    // The interceptor is a function, so it is serialised into /docs/swagger-ui-init.js (an
    // inline customJsStr would be blocked by helmet's CSP): "Try it out" sends the cookie
    // and the X-CSRF header that cookie-authenticated writes need.
    swaggerOptions: { persistAuthorization: false, withCredentials: true, requestInterceptor: swaggerRequestInterceptor },
  });
}
