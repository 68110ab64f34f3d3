import type { INestApplication } from '@nestjs/common';
import { DocumentBuilder, SwaggerModule, type OpenAPIObject } from '@nestjs/swagger';

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
    .build();
  return SwaggerModule.createDocument(app, config, {
    // Method names as operation ids give generated clients readable function names.
    operationIdFactory: (_controllerKey, methodKey) => methodKey,
  });
}

export function mountSwaggerUi(app: INestApplication, document: OpenAPIObject): void {
  SwaggerModule.setup('docs', app, document, {
    jsonDocumentUrl: 'docs/openapi.json',
    yamlDocumentUrl: 'docs/openapi.yaml',
    swaggerOptions: { persistAuthorization: false, withCredentials: true },
  });
}
