import type { IncomingHttpHeaders } from 'node:http';
import { safeReturnTo } from '../../auth/login/return-to.js';
import type { Problem } from '../errors/problem.js';

/**
 * How an API caller says where a login should bring the user back to: the header
 * `X-Return-To` (a query parameter would be relayed upstream on /v1/api). It is judged
 * exactly like the login's own `returnTo` (a BFF path or a URL on an APP_ORIGINS origin);
 * anything else is dropped, never reflected.
 */
export const RETURN_TO_HEADER = 'X-Return-To';

/** The header as OpenAPI shows it on the routes that can answer reauth_required / provider_not_linked. */
export const RETURN_TO_HEADER_DOC = {
  name: RETURN_TO_HEADER,
  required: false,
  description: 'Where a login should return to (a BFF path or a URL on an APP_ORIGINS origin): added as `returnTo` to the `loginUrl` of a `reauth_required` or `provider_not_linked` answer; anything else is dropped.',
} as const;

/** The problem with the caller's safe `returnTo` added to its `loginUrl`, if it has one. */
export function withCallerReturnTo(problem: Problem, headers: IncomingHttpHeaders, appOrigins: readonly string[]): Problem {
  if (typeof problem.loginUrl !== 'string') return problem;
  const raw = headers[RETURN_TO_HEADER.toLowerCase()];
  if (typeof raw !== 'string') return problem;
  const returnTo = safeReturnTo(raw, [...appOrigins]);
  // "/" is what the login falls back to anyway; an unsafe value also ends there, so neither is worth adding.
  if (returnTo === '/') return problem;
  return { ...problem, loginUrl: `${problem.loginUrl}?returnTo=${encodeURIComponent(returnTo)}` };
}
