import type { SessionRecord } from '../sessions/session.types.js';

/**
 * The one place a per-session rate limit applies to relayed calls: the edge handler
 * calls `admit()` after the session and CSRF checks, before any upstream work. The
 * default admits everything; the rate-limit service (issue 15, operations) binds its
 * own implementation to this token in RelayModule and throws its 429 problem
 * (a DomainError with Retry-After) to refuse a call.
 */
export abstract class RelayRateLimit {
  abstract admit(session: SessionRecord): void | Promise<void>;
}

export class UnlimitedRelayRateLimit extends RelayRateLimit {
  admit(): void {}
}
