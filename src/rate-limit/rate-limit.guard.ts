import { Inject, Injectable, type CanActivate, type ExecutionContext } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { Response } from 'express';
import { RATE_LIMIT_CLASSES, type RateLimitClass } from '../config/rate-limit-config.js';
import type { AuthenticatedRequest } from '../sessions/session-request.js';
import { clientAddressKey } from './client-address.js';
import { RateLimits } from './rate-limits.service.js';

// A provider id as the providers file allows it: anything else is not a provider (the route answers 404) and gets no counter.
const PROVIDER_ID = /^[a-z0-9](?:[a-z0-9-]{0,38}[a-z0-9])?$/;

/** Whose budget a request counts against; undefined leaves it uncounted (no session: the session guard answers). */
function keyOf(per: (typeof RATE_LIMIT_CLASSES)[RateLimitClass], req: AuthenticatedRequest): string | undefined {
  if (per === 'ip') return clientAddressKey(req.ip);
  if (per === 'session') return req.auth?.session.id;
  const provider = req.params.provider;
  return typeof provider === 'string' && PROVIDER_ID.test(provider) ? `provider:${provider}` : undefined;
}

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
    const key = keyOf(RATE_LIMIT_CLASSES[routeClass], req);
    if (key === undefined) return true;
    await this.limits.enforce(routeClass, key, http.getResponse<Response>());
    return true;
  }
}
