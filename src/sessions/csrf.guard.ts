import { Inject, Injectable, type CanActivate, type ExecutionContext } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '../config/app-config.js';
import { assertCsrfSafe } from './csrf-policy.js';
import { SessionCookie } from './session-cookie.js';
import { readSessionCredential, type AuthenticatedRequest } from './session-request.js';

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
  ) {
    this.allowedOrigins = new Set(config.sessions.appOrigins);
  }

  canActivate(context: ExecutionContext): boolean {
    if (context.getType() !== 'http') return true;
    const req = context.switchToHttp().getRequest<AuthenticatedRequest>();
    assertCsrfSafe(req.method, req.headers, req.auth?.via ?? readSessionCredential(req, this.cookie)?.via, this.allowedOrigins);
    return true;
  }
}
