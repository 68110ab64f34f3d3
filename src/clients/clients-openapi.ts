import { applyDecorators } from '@nestjs/common';
import { ApiBearerAuth, ApiCookieAuth, ApiParam, ApiResponse, ApiTags } from '@nestjs/swagger';
import { SESSION_BEARER_SCHEME, SESSION_COOKIE_SCHEME } from '../sessions/session-openapi.js';

const problem = (status: number, description: string) => ApiResponse({ status, description: `${description} (problem+json)` });

/** The problems every client-management route can answer (docs/clients.md). */
export function ApiClientRoutes(): ClassDecorator {
  return applyDecorators(
    ApiTags('clients'),
    ApiCookieAuth(SESSION_COOKIE_SCHEME),
    ApiBearerAuth(SESSION_BEARER_SCHEME),
    ApiParam({ name: 'provider', description: 'Configured provider id', example: 'genesys' }),
    problem(400, '`validation_failed` listing the fields, or `upstream_bad_request` with `upstreamCode`'),
    problem(401, '`unauthenticated`, or `reauth_required` with `loginUrl` (with `returnTo` when `X-Return-To` was safe)'),
    problem(403, '`csrf_rejected` (cookie write without `X-CSRF: 1`), or `upstream_forbidden` naming `missingPermissions`'),
    problem(404, '`provider_not_found`, `capability_not_supported` (the provider has no such API), `client_not_found`, or `upstream_not_found`'),
    problem(409, '`provider_not_linked` with `loginUrl` (with `returnTo` when `X-Return-To` was safe), or `upstream_conflict`'),
    problem(429, '`upstream_rate_limited`, with `Retry-After`'),
    problem(502, '`upstream_failed` (the provider answered 5xx) or `upstream_bad_response`'),
    problem(503, '`upstream_unavailable` (timeout, unreachable, circuit open; `Retry-After`), or `dependency_unavailable`'),
  ) as ClassDecorator;
}
