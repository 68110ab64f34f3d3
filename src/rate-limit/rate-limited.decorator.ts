import { applyDecorators, SetMetadata, UseGuards } from '@nestjs/common';
import { ApiTooManyRequestsResponse } from '@nestjs/swagger';
import { RATE_LIMIT_CLASSES, type RateLimitClass } from '../config/rate-limit-config.js';
import { RATE_LIMIT_CLASS_KEY, RateLimitGuard } from './rate-limit.guard.js';

/**
 * Puts a controller or route under a rate-limit class (RATE_LIMIT_<CLASS>): counted
 * per client IP, per session or per provider depending on the class. Method guards run in the order
 * their decorators are applied (bottom-up), so place it BELOW any other @UseGuards whose
 * work it should spare (e.g. the login guard that writes a login transaction).
 */
export function RateLimited(routeClass: RateLimitClass): ClassDecorator & MethodDecorator {
  const per = { ip: 'client IP address', session: 'session', provider: 'provider (all instances together)' }[RATE_LIMIT_CLASSES[routeClass]];
  return applyDecorators(
    SetMetadata(RATE_LIMIT_CLASS_KEY, routeClass),
    UseGuards(RateLimitGuard),
    ApiTooManyRequestsResponse({ description: `\`too_many_requests\` (problem+json) with Retry-After, RateLimit and RateLimit-Policy: over the \`${routeClass}\` limit per ${per} (RATE_LIMIT_${routeClass.toUpperCase().replace('-', '_')})` }),
  );
}
