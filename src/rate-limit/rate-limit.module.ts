import { Global, Module } from '@nestjs/common';
import { RateLimitGuard } from './rate-limit.guard.js';
import { RateLimits } from './rate-limits.service.js';

/** Global so any controller can use @RateLimited and any service (the relay) can call RateLimits. */
@Global()
@Module({
  providers: [RateLimits, RateLimitGuard],
  exports: [RateLimits, RateLimitGuard],
})
export class RateLimitModule {}
