import { Inject, Injectable, type CanActivate, type ExecutionContext } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { Response } from 'express';
import { RATE_LIMIT_CLASSES, type RateLimitClass } from '../config/rate-limit-config.js';
import type { AuthenticatedRequest } from '../sessions/session-request.js';
import { clientAddressKey } from './client-address.js';
import { RateLimits } from './rate-limits.service.js';

/** Metadata set by @RateLimited: the route's rate-limit class. */
export const RATE_LIMIT_CLASS_KEY = 'rateLimit:class';

/**
 * Applied by @RateLimited: counts the request against its class before the handler
 * (and any guard listed after it) does work. Session classes run after the global
 * session guard, so `req.auth` is known; a request without a session is left to it.
 */
@Injectable()
export class RateLimitGuard implements CanActivate {
  constructor(
    @Inject(Reflector) private readonly reflector: Reflector,
    @Inject(RateLimits) private readonly limits: RateLimits,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const routeClass = this.reflector.getAllAndOverride<RateLimitClass | undefined>(RATE_LIMIT_CLASS_KEY, [context.getHandler(), context.getClass()]);
    if (!routeClass) return true;
    const http = context.switchToHttp();
    const req = http.getRequest<AuthenticatedRequest>();
    const key = RATE_LIMIT_CLASSES[routeClass] === 'ip' ? clientAddressKey(req.ip) : req.auth?.session.id;
    if (key === undefined) return true;
    await this.limits.enforce(routeClass, key, http.getResponse<Response>());
    return true;
  }
}
