import { Inject, Injectable } from '@nestjs/common';
import { RateLimits } from '../rate-limit/rate-limits.service.js';
import type { SessionRecord } from '../sessions/session.types.js';

/**
 * The one place a per-session rate limit applies to relayed calls: the edge handler
 * calls `admit()` after the session and CSRF checks, before any upstream work. A
 * refusal is the 429 problem (a DomainError with Retry-After) RateLimits throws.
 */
export abstract class RelayRateLimit {
  abstract admit(session: SessionRecord): void | Promise<void>;
}

/** RATE_LIMIT_RELAY per session, counted fleet-wide (docs/operations.md). */
@Injectable()
export class SessionRelayRateLimit extends RelayRateLimit {
  constructor(@Inject(RateLimits) private readonly rateLimits: RateLimits) {
    super();
  }

  async admit(session: SessionRecord): Promise<void> {
    // No response headers: a relayed answer keeps the provider's own rate-limit headers.
    await this.rateLimits.enforce('relay', session.id);
  }
}
