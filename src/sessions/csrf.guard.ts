import { Inject, Injectable, type CanActivate, type ExecutionContext } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { APP_CONFIG, type AppConfig } from '../config/app-config.js';
import { SessionCookie } from './session-cookie.js';
import { CsrfRejectedError } from './session-errors.js';
import { readSessionCredential, type AuthenticatedRequest } from './session-request.js';
import { IS_SERVER_TO_SERVER_KEY } from './server-to-server.decorator.js';

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * Global, after SessionGuard: a state-changing request that rides on the session
 * cookie must carry `X-CSRF: 1` (a cross-site form cannot add headers, and a
 * cross-site fetch with one needs a CORS preflight we refuse) and an allowed Origin.
 * Bearer requests are exempt: browsers never attach that header on their own.
 * Public routes are covered too whenever a session cookie is sent.
 */
@Injectable()
export class CsrfGuard implements CanActivate {
  private readonly allowedOrigins: Set<string>;

  constructor(
    @Inject(APP_CONFIG) config: AppConfig,
    @Inject(SessionCookie) private readonly cookie: SessionCookie,
    @Inject(Reflector) private readonly reflector: Reflector,
  ) {
    this.allowedOrigins = new Set(config.sessions.appOrigins);
  }

  canActivate(context: ExecutionContext): boolean {
    if (context.getType() !== 'http') return true;
    const req = context.switchToHttp().getRequest<AuthenticatedRequest>();
    if (SAFE_METHODS.has(req.method)) return true;
    // Only @ServerToServer() routes (no session is ever attached to them) skip the check.
    if (this.reflector.getAllAndOverride<boolean>(IS_SERVER_TO_SERVER_KEY, [context.getHandler(), context.getClass()]) === true) return true;
    const via = req.auth?.via ?? readSessionCredential(req, this.cookie)?.via;
    if (via !== 'cookie') return true;
    if (req.headers['x-csrf'] !== '1') throw new CsrfRejectedError('State-changing cookie requests must send the header X-CSRF: 1.');
    const origin = req.headers.origin;
    if (!origin || !this.allowedOrigins.has(origin)) throw new CsrfRejectedError('The request Origin is missing or not an allowed application origin.');
    return true;
  }
}
