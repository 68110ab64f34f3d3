import { Inject, Injectable, type CanActivate, type ExecutionContext } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { IS_PUBLIC_KEY } from './public.decorator.js';
import { IS_SERVER_TO_SERVER_KEY } from './server-to-server.decorator.js';
import { SessionCookie } from './session-cookie.js';
import { UnauthenticatedError } from './session-errors.js';
import { readSessionCredential, type AuthenticatedRequest } from './session-request.js';
import { SessionService } from './session.service.js';
import type { AuthenticatedRequestContext, SessionKind } from './session.types.js';

// A token works only over the transport it was issued for: web sessions by cookie
// (CSRF rules apply), native sessions by bearer. A web cookie value replayed as a
// bearer token therefore cannot side-step the CSRF check.
const TRANSPORT: Record<SessionKind, AuthenticatedRequestContext['via']> = { web: 'cookie', native: 'bearer' };

/**
 * Global, first guard: every route needs a live session unless @Public(). Attaches
 * `req.auth`. Any bad credential is a 401 `unauthenticated`; a store outage is a 503.
 */
@Injectable()
export class SessionGuard implements CanActivate {
  constructor(
    @Inject(Reflector) private readonly reflector: Reflector,
    @Inject(SessionService) private readonly sessions: SessionService,
    @Inject(SessionCookie) private readonly cookie: SessionCookie,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    if (context.getType() !== 'http') return true;
    const req = context.switchToHttp().getRequest<AuthenticatedRequest>();
    if (this.reflector.getAllAndOverride<boolean>(IS_SERVER_TO_SERVER_KEY, [context.getHandler(), context.getClass()]) === true) return true;
    const isPublic = this.reflector.getAllAndOverride<boolean>(IS_PUBLIC_KEY, [context.getHandler(), context.getClass()]) === true;
    const credential = readSessionCredential(req, this.cookie);
    if (!credential) {
      if (isPublic) return true;
      throw new UnauthenticatedError('Sign in to use this endpoint.', { 'WWW-Authenticate': 'Bearer' });
    }
    // Not caught: a store outage must answer 503 even on public routes, never "anonymous".
    const session = await this.sessions.resolve(credential.token);
    if (session && TRANSPORT[session.kind] === credential.via) {
      req.auth = { session, via: credential.via };
      return true;
    }
    if (isPublic) return true;
    throw new UnauthenticatedError(
      'The session is invalid or has expired; sign in again.',
      credential.via === 'cookie' ? { 'Set-Cookie': this.cookie.clearingHeader() } : { 'WWW-Authenticate': 'Bearer error="invalid_token"' },
    );
  }
}
