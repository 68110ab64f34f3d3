import type { IncomingHttpHeaders } from 'node:http';
import type { SessionCookie } from './session-cookie.js';
import { UnauthenticatedError } from './session-errors.js';
import { readSessionCredential, type SessionCredential } from './session-request.js';
import type { SessionService } from './session.service.js';
import type { AuthenticatedRequestContext, SessionKind } from './session.types.js';

// A token works only over the transport it was issued for: web sessions by cookie
// (CSRF rules apply), native sessions by bearer. A web cookie value replayed as a
// bearer token therefore cannot side-step the CSRF check.
const TRANSPORT: Record<SessionKind, AuthenticatedRequestContext['via']> = { web: 'cookie', native: 'bearer' };

export interface SessionCheck {
  /** What the request presented, if anything. */
  credential?: SessionCredential;
  /** Set when the credential names a live session used over its own transport. */
  auth?: AuthenticatedRequestContext;
}

/**
 * Who a request is: the one session check shared by SessionGuard (Nest routes) and the
 * relay's edge handler. A store outage throws (503), never "anonymous".
 */
export async function checkRequestSession(headers: IncomingHttpHeaders, sessions: Pick<SessionService, 'resolve'>, cookie: SessionCookie): Promise<SessionCheck> {
  const credential = readSessionCredential({ headers }, cookie);
  if (!credential) return {};
  const session = await sessions.resolve(credential.token);
  if (session && TRANSPORT[session.kind] === credential.via) return { credential, auth: { session, via: credential.via } };
  return { credential };
}

/** The 401 for a request without a usable session; a dead cookie is cleared, a dead bearer token named invalid. */
export function sessionRefused(credential: SessionCredential | undefined, cookie: SessionCookie): UnauthenticatedError {
  if (!credential) return new UnauthenticatedError('Sign in to use this endpoint.', { 'WWW-Authenticate': 'Bearer' });
  return new UnauthenticatedError(
    'The session is invalid or has expired; sign in again.',
    credential.via === 'cookie' ? { 'Set-Cookie': cookie.clearingHeader() } : { 'WWW-Authenticate': 'Bearer error="invalid_token"' },
  );
}
