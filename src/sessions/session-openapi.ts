import type { SecuritySchemeObject } from '@nestjs/swagger';
import { SECURE_SESSION_COOKIE } from './session-cookie.js';

/** Security scheme names used by @ApiCookieAuth / @ApiBearerAuth and registered in src/bootstrap/swagger.ts. */
export const SESSION_COOKIE_SCHEME = 'session-cookie';
export const SESSION_BEARER_SCHEME = 'session-bearer';

export const sessionCookieScheme: SecuritySchemeObject = {
  type: 'apiKey',
  in: 'cookie',
  name: SECURE_SESSION_COOKIE,
  description: 'HttpOnly session cookie set by the login callback (`bff_session` on plain-http dev). State-changing requests also need `X-CSRF: 1` and an allowed Origin.',
};

export const sessionBearerScheme: SecuritySchemeObject = {
  type: 'http',
  scheme: 'bearer',
  // Opaque random token, not a JWT (the builder's default).
  bearerFormat: 'opaque',
  description: 'Native-app session token from POST /v1/auth/native/token. Exempt from the CSRF header rule.',
};

/**
 * Runs inside Swagger UI (serialised with Function.prototype.toString into
 * /docs/swagger-ui-init.js), so it must not reference anything outside itself.
 * It adds the CSRF header; the browser sends the HttpOnly cookie by itself.
 */
export function swaggerRequestInterceptor(request: { headers: Record<string, string> }): { headers: Record<string, string> } {
  request.headers['X-CSRF'] = '1';
  return request;
}
