import type { IncomingHttpHeaders } from 'node:http';
import { ReauthRequiredError } from '../common/errors/login-required.js';
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
  /** Set when the credential's session was ended because this provider refused our refresh token. */
  endedFor?: string;
}

/**
 * Who a request is: the one session check shared by SessionGuard (Nest routes) and the
 * relay's edge handler. A store outage throws (503), never "anonymous".
 */
export async function checkRequestSession(headers: IncomingHttpHeaders, sessions: Pick<SessionService, 'resolve' | 'endedFor'>, cookie: SessionCookie): Promise<SessionCheck> {
  const credential = readSessionCredential({ headers }, cookie);
  if (!credential) return {};
  const session = await sessions.resolve(credential.token);
  if (session && TRANSPORT[session.kind] === credential.via) return { credential, auth: { session, via: credential.via } };
  // Only a dead token costs this second read; the hot path (a live session) never does.
  const endedFor = session ? null : await sessions.endedFor(credential.token);
  return endedFor ? { credential, endedFor } : { credential };
}

/**
 * The 401 for a request without a usable session. A session ended by a provider's refusal
 * answers reauth_required for that provider (cookie kept: every call on it keeps giving
 * that one answer until a new login replaces it); otherwise a dead cookie is cleared and a
 * dead bearer token named invalid.
 */
export function sessionRefused(check: SessionCheck, cookie: SessionCookie): UnauthenticatedError | ReauthRequiredError {
  const { credential } = check;
  if (check.endedFor) return new ReauthRequiredError(check.endedFor);
  if (!credential) return new UnauthenticatedError('Sign in to use this endpoint.', { 'WWW-Authenticate': 'Bearer' });
  return new UnauthenticatedError(
    'The session is invalid or has expired; sign in again.',
    credential.via === 'cookie' ? { 'Set-Cookie': cookie.clearingHeader() } : { 'WWW-Authenticate': 'Bearer error="invalid_token"' },
  );
}
