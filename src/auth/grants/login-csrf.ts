import type { Request } from 'express';
import { CsrfRejectedError } from '../../sessions/session-errors.js';

/**
 * Password and meeting logins answer with a session cookie, so a cross-site form
 * could log a victim's browser into the attacker's account (login CSRF). The global
 * CSRF guard only looks at requests that already carry a session; these routes
 * demand the same proof from every caller: `X-CSRF: 1` (a cross-site page cannot add
 * it without a CORS preflight we refuse) and an allowed Origin.
 */
export function assertSameSiteLogin(req: Request, appOrigins: string[]): void {
  if (req.headers['x-csrf'] !== '1') throw new CsrfRejectedError('Login requests must send the header X-CSRF: 1.');
  const origin = req.headers.origin;
  if (!origin || !appOrigins.includes(origin)) throw new CsrfRejectedError('The request Origin is missing or not an allowed application origin.');
}
