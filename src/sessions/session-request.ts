import type { Request } from 'express';
import type { AuthenticatedRequestContext } from './session.types.js';

/**
 * The Express request as the sessions guards leave it: `auth` is set on every
 * protected route, and on @Public routes when a valid session came along.
 */
export type AuthenticatedRequest = Request & {
  auth?: AuthenticatedRequestContext;
  id?: string;
  /** On @AcceptsEndedSession() routes: the token named a session a provider's refused refresh ended. */
  endedSession?: { provider: string };
};

export interface SessionCredential {
  token: string;
  via: AuthenticatedRequestContext['via'];
}

const BEARER = /^Bearer(?:\s+(.*))?$/i;

/**
 * Which credential a request presents. An `Authorization: Bearer` header wins and the
 * cookie is then ignored: a browser never adds that header by itself, so such a request
 * is not a forged cross-site one, and judging it on one credential only keeps an
 * invalid bearer from silently falling back to a cookie. Other Authorization schemes
 * are not ours and are ignored.
 */
export function readSessionCredential(
  req: Pick<Request, 'headers'>,
  cookies: { readSessionCookie(req: Pick<Request, 'headers'>): string | undefined },
): SessionCredential | undefined {
  const authorization = req.headers.authorization;
  const bearer = typeof authorization === 'string' ? BEARER.exec(authorization.trim()) : null;
  if (bearer) return { token: (bearer[1] ?? '').trim(), via: 'bearer' };
  const cookie = cookies.readSessionCookie(req);
  return cookie === undefined ? undefined : { token: cookie, via: 'cookie' };
}
