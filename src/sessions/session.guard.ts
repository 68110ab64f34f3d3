import { Inject, Injectable, type CanActivate, type ExecutionContext } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { ACCEPTS_ENDED_SESSION_KEY } from './accepts-ended-session.decorator.js';
import { IS_PUBLIC_KEY } from './public.decorator.js';
import { IS_SERVER_TO_SERVER_KEY } from './server-to-server.decorator.js';
import { checkRequestSession, sessionRefused } from './session-authentication.js';
import { SessionCookie } from './session-cookie.js';
import type { AuthenticatedRequest } from './session-request.js';
import { SessionService } from './session.service.js';

/**
 * Global, first guard: every route needs a live session unless @Public(). Attaches
 * `req.auth`. Any bad credential is a 401 `unauthenticated` (or `reauth_required` when a provider's
 * refused refresh ended the session); a store outage is a 503.
 * The check itself (checkRequestSession) is shared with the relay's edge handler.
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
    // Not caught: a store outage must answer 503 even on public routes, never "anonymous".
    const check = await checkRequestSession(req.headers, this.sessions, this.cookie);
    if (check.auth) {
      req.auth = check.auth;
      return true;
    }
    if (isPublic) return true;
    if (check.endedFor && this.reflector.get<boolean>(ACCEPTS_ENDED_SESSION_KEY, context.getHandler()) === true) {
      req.endedSession = { provider: check.endedFor };
      return true;
    }
    throw sessionRefused(check, this.cookie);
  }
}
