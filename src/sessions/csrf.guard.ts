import { Inject, Injectable, type CanActivate, type ExecutionContext } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { APP_CONFIG, type AppConfig } from '../config/app-config.js';
import { assertCsrfSafe } from './csrf-policy.js';
import { SessionCookie } from './session-cookie.js';
import { readSessionCredential, type AuthenticatedRequest } from './session-request.js';
import { IS_SERVER_TO_SERVER_KEY } from './server-to-server.decorator.js';

/**
 * Global, after SessionGuard: applies the CSRF policy (csrf-policy.ts) to every Nest
 * route. Public routes are covered too whenever a session cookie is sent.
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
    // Only @ServerToServer() routes (no session is ever attached to them) skip the check.
    if (this.reflector.getAllAndOverride<boolean>(IS_SERVER_TO_SERVER_KEY, [context.getHandler(), context.getClass()]) === true) return true;
    assertCsrfSafe(req.method, req.headers, req.auth?.via ?? readSessionCredential(req, this.cookie)?.via, this.allowedOrigins);
    return true;
  }
}
