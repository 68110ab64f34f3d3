import type { IncomingHttpHeaders } from 'node:http';
import type { AuthenticatedRequestContext } from './session.types.js';
import { CsrfRejectedError } from './session-errors.js';

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * A state-changing request that rides on the session cookie must carry `X-CSRF: 1` (a
 * cross-site form cannot add headers, and a cross-site fetch with one needs a CORS
 * preflight we refuse) and an allowed Origin. Bearer requests are exempt: browsers
 * never attach that header on their own. Shared by CsrfGuard and the relay's edge.
 */
export function assertCsrfSafe(method: string, headers: IncomingHttpHeaders, via: AuthenticatedRequestContext['via'] | undefined, allowedOrigins: ReadonlySet<string>): void {
  if (SAFE_METHODS.has(method) || via !== 'cookie') return;
  if (headers['x-csrf'] !== '1') throw new CsrfRejectedError('State-changing cookie requests must send the header X-CSRF: 1.');
  const origin = headers.origin;
  if (!origin || !allowedOrigins.has(origin)) throw new CsrfRejectedError('The request Origin is missing or not an allowed application origin.');
}
