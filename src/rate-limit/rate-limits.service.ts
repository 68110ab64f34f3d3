import { Inject, Injectable } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '../config/app-config.js';
import type { RateLimitClass, RateLimitQuota } from '../config/rate-limit-config.js';
import { KvStore } from '../redis/kv-store.port.js';
import { RedisKvStore } from '../redis/redis-kv-store.js';
import { rateLimitHeaders, tooManyRequests } from './rate-limit-headers.js';
import { RateLimitPolicy, type PolicyStore, type RateLimitLease, type RateLimitOutcome } from './rate-limit-policy.js';

/** Anything that can carry response headers: an Express response or a bare node:http one. */
export interface HeaderSink {
  setHeader(name: string, value: string): unknown;
}

/**
 * The one place request limits live: a policy per route class (RATE_LIMIT_*), plus
 * named policies other features build on the same store (the password grant's
 * per-username counter). Counters sit in the shared Redis (or the in-process store
 * in embedded mode), so every instance sees the same counts.
 */
@Injectable()
export class RateLimits {
  private readonly store: PolicyStore;
  private readonly classes = new Map<RateLimitClass, RateLimitPolicy>();
  readonly enabled: boolean;

  constructor(@Inject(APP_CONFIG) config: AppConfig, @Inject(KvStore) kv: KvStore) {
    const settings = config.rateLimits;
    this.enabled = settings.enabled;
    this.store = { redis: kv instanceof RedisKvStore ? kv.connection : undefined, prefix: kv instanceof RedisKvStore ? config.redis.keyPrefix : '', onStoreFailure: settings.onStoreFailure };
    for (const [name, quota] of Object.entries(settings.quotas) as [RateLimitClass, RateLimitQuota][]) {
      this.classes.set(name, new RateLimitPolicy(name, quota, this.store));
    }
  }

  /** A named policy on the same store, for limits that are not a route class. */
  policy(name: string, quota: RateLimitQuota): RateLimitPolicy {
    return new RateLimitPolicy(name, quota, this.store);
  }

  /**
   * Counts one request of `routeClass` for `key` (a client address key or a session id)
   * and throws 429 `too_many_requests` (with Retry-After and the RateLimit fields) when
   * over. An allowed request gets the RateLimit fields on `res` when one is given; the
   * relay gives none, because a relayed answer carries the provider's own rate-limit
   * headers untouched. Cheap enough for the relay hot path: one Redis round trip (none
   * once a key is over its quota).
   */
  async enforce(routeClass: RateLimitClass, key: string, res?: HeaderSink): Promise<RateLimitOutcome | undefined> {
    if (!this.enabled) return undefined;
    const outcome = await this.classes.get(routeClass)!.consume(key);
    if (!outcome.allowed) throw tooManyRequests(outcome);
    if (res) for (const [name, value] of Object.entries(rateLimitHeaders(outcome))) res.setHeader(name, value);
    return outcome;
  }

  /**
   * Takes up to `points` of `routeClass`'s quota for `key` in one count, for a caller
   * that spends them itself (the relay, relay-rate-limit.ts); undefined when limits are
   * off. Never throws for "over the limit": `granted` is 0 then.
   */
  async lease(routeClass: RateLimitClass, key: string, points: number): Promise<RateLimitLease | undefined> {
    if (!this.enabled) return undefined;
    return this.classes.get(routeClass)!.lease(key, points);
  }

  /** The quota of a route class (RATE_LIMIT_<CLASS>). */
  quota(routeClass: RateLimitClass): RateLimitQuota {
    return this.classes.get(routeClass)!.quota;
  }
}
