import { Inject, Injectable } from '@nestjs/common';
import { tooManyRequests } from '../rate-limit/rate-limit-headers.js';
import type { RateLimitOutcome } from '../rate-limit/rate-limit-policy.js';
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

/** Points taken from the shared counter at once: 1 % of the quota, at most 50 (1 below 200/window: exact). */
export function relayLeaseSize(quotaPoints: number): number {
  return Math.max(1, Math.min(50, Math.floor(quotaPoints / 100)));
}

interface Lease {
  left: number;
  /** Date.now() at which the counter's window ends; unspent points lapse with it. */
  until: number;
}

const SWEEP_EVERY_MS = 10_000;

/**
 * RATE_LIMIT_RELAY per session, counted fleet-wide in Redis (docs/operations.md).
 * Instead of one Redis round trip per call, an instance takes a small lease of the
 * session's quota from the shared counter (`relayLeaseSize`: 12 calls of the default
 * 1200/60) and spends it locally, so a busy session costs one round trip per lease.
 * The shared counter never hands out more than the quota, so a session never gets
 * more than its quota per window fleet-wide; spread over N instances it may be
 * refused up to (N − 1) × lease calls early (points leased but unspent elsewhere).
 * Quotas under 200 per window lease one point at a time: exact, as before.
 */
@Injectable()
export class SessionRelayRateLimit extends RelayRateLimit {
  private readonly leases = new Map<string, Lease>();
  private readonly renewing = new Map<string, Promise<RateLimitOutcome | undefined>>();
  private readonly leaseSize: number;
  private nextSweep = 0;

  constructor(@Inject(RateLimits) private readonly rateLimits: RateLimits) {
    super();
    this.leaseSize = relayLeaseSize(rateLimits.quota('relay').points);
  }

  admit(session: SessionRecord): void | Promise<void> {
    if (!this.rateLimits.enabled) return;
    // No response headers: a relayed answer keeps the provider's own rate-limit headers.
    if (this.spend(session.id)) return;
    return this.admitAfterRenewal(session.id);
  }

  /** Takes one call from this instance's lease for `id`, if it holds a live one. */
  private spend(id: string): boolean {
    const lease = this.leases.get(id);
    if (!lease || lease.left <= 0 || lease.until <= Date.now()) return false;
    lease.left -= 1;
    return true;
  }

  private async admitAfterRenewal(id: string): Promise<void> {
    // Concurrent calls of one session share one renewal; whoever finds the new lease spent renews again.
    for (;;) {
      let renewal = this.renewing.get(id);
      if (!renewal) {
        renewal = this.renew(id);
        this.renewing.set(id, renewal);
        const clear = () => this.renewing.delete(id);
        renewal.then(clear, clear);
      }
      const outcome = await renewal;
      if (outcome && !outcome.allowed) throw tooManyRequests(outcome);
      if (!outcome || this.spend(id)) return;
    }
  }

  /** One count on the shared counter: stores the lease granted; the outcome says whether any point was. */
  private async renew(id: string): Promise<RateLimitOutcome | undefined> {
    const lease = await this.rateLimits.lease('relay', id, this.leaseSize);
    if (!lease) return undefined;
    const now = Date.now();
    this.sweep(now);
    if (lease.granted > 0) this.leases.set(id, { left: lease.granted, until: now + lease.msLeft });
    else this.leases.delete(id);
    return lease.outcome;
  }

  /** Drops lapsed leases now and then, so sessions that went quiet do not stay in memory. */
  private sweep(now: number): void {
    if (now < this.nextSweep) return;
    this.nextSweep = now + SWEEP_EVERY_MS;
    for (const [id, lease] of this.leases) if (lease.until <= now) this.leases.delete(id);
  }
}
