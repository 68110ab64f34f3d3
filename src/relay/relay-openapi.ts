import { applyDecorators } from '@nestjs/common';
import { ApiBearerAuth, ApiCookieAuth, ApiHeader, ApiOperation, ApiParam, ApiResponse, ApiTags } from '@nestjs/swagger';
import { RETURN_TO_HEADER_DOC } from '../common/http/return-to-header.js';
import { SESSION_BEARER_SCHEME, SESSION_COOKIE_SCHEME } from '../sessions/session-openapi.js';

const problem = (status: number, description: string) => ApiResponse({ status, description: `${description} (problem+json)` });

/** Swagger for the relay route: one operation per method, the provider and the wildcard path, every problem it answers. */
export function ApiRelay(): MethodDecorator & ClassDecorator {
  return applyDecorators(
    ApiTags('relay'),
    ApiCookieAuth(SESSION_COOKIE_SCHEME),
    ApiBearerAuth(SESSION_BEARER_SCHEME),
    ApiOperation({
      summary: "Relay a call to the provider's API with the user's token",
      description:
        'Forwards to the provider\'s API base URL + `path` (+ the query string) if `path` and the method are on the provider\'s relay allowlist. ' +
        'The upstream status, body and safe headers come back as they are; cookies, credentials and forwarding headers never cross. See docs/relay.md.',
    }),
    ApiParam({ name: 'provider', description: 'Configured provider id', example: 'bluejeans' }),
    ApiParam({ name: 'path', description: 'Upstream path below the API base URL; must match an allowlist template', example: 'v1/user/123' }),
    ApiHeader(RETURN_TO_HEADER_DOC),
    ApiResponse({ status: 200, description: "The upstream's answer, status and body passed through" }),
    problem(400, '`relay_path_invalid` (dot segments, encoded dots or slashes, backslashes, `//`, schemes, control characters) or `relay_header_invalid` (CR/LF or control characters)'),
    problem(401, '`unauthenticated` (no session) or `reauth_required` with `loginUrl` (with `returnTo` when `X-Return-To` was safe) (the provider refused our refresh token)'),
    problem(403, '`csrf_rejected`: cookie request without `X-CSRF: 1` or from a foreign Origin'),
    problem(404, '`provider_not_found`, or `relay_route_not_allowed` (path not on the allowlist)'),
    problem(405, '`method_not_allowed`, with an `Allow` header'),
    problem(409, '`provider_not_linked` with `loginUrl` (with `returnTo` when `X-Return-To` was safe)'),
    problem(413, '`payload_too_large`: request body over RELAY_MAX_BODY_BYTES'),
    problem(429, '`too_many_requests`: over the per-session relay limit (RATE_LIMIT_RELAY), with Retry-After, RateLimit and RateLimit-Policy'),
    problem(502, '`upstream_unreachable`, `upstream_response_too_large` (over RELAY_MAX_RESPONSE_BYTES), or `upstream_dpop_rejected` (DPoP-bound link: our proof refused, or a nonce demanded again after one retry)'),
    problem(503, 'Token refresh unavailable or rate limited, with `Retry-After`'),
    problem(504, '`upstream_timeout`: no complete answer within RELAY_TIMEOUT_MS'),
  );
}
