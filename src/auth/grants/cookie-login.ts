import type { Response } from 'express';
import type { SessionCookie } from '../../sessions/session-cookie.js';
import type { SessionService, IssuedSession } from '../../sessions/session.service.js';
import type { AuthenticatedRequest } from '../../sessions/session-request.js';

/**
 * Sets the new session's cookie. A browser holds one session cookie, so a cookie
 * session it presented is ended rather than left orphaned; the cookie lives as long
 * as the session (shorter for meeting sessions).
 */
export async function setCookieSession(
  req: AuthenticatedRequest,
  res: Response,
  issued: IssuedSession,
  deps: { cookie: SessionCookie; sessions: SessionService },
): Promise<void> {
  const previous = req.auth?.via === 'cookie' ? deps.cookie.readSessionCookie(req) : undefined;
  if (previous) await deps.sessions.revokeByToken(previous);
  const maxAge = Math.max(1, Math.floor((issued.session.absoluteExpiresAt - Date.now()) / 1000));
  deps.cookie.setSessionCookie(res, issued.token, maxAge);
}
