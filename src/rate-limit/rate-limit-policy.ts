import { RateLimiterMemory, RateLimiterRedis, RateLimiterRes } from 'rate-limiter-flexible';
import { DependencyUnavailableError } from '../common/errors/domain-error.js';
import type { RateLimitQuota } from '../config/rate-limit-config.js';
import type { RedisConnection } from '../redis/redis-client.factory.js';

/** What one request's count says, in the terms of the IETF RateLimit headers. */
export interface RateLimitOutcome {
  policy: string;
  allowed: boolean;
  quota: RateLimitQuota;
  remaining: number;
  /** Seconds until the window resets (at least 1). */
  resetSeconds: number;
}

/** What `lease()` took: `granted` points (0..requested), spendable for `msLeft` ms. */
export interface RateLimitLease {
  granted: number;
  msLeft: number;
  outcome: RateLimitOutcome;
}

export interface PolicyStore {
  /** The shared Redis connection, or none for the in-process store (embedded mode). */
  redis?: RedisConnection;
  /** Key namespace (REDIS_KEY_PREFIX). */
  prefix: string;
  onStoreFailure: 'local' | 'closed';
}

type Limiter = RateLimiterRedis | RateLimiterMemory;

/**
 * One named limit (a route class, or the password grant's own counters) over
 * rate-limiter-flexible: fixed windows counted in Redis so every instance shares them,
 * or in process memory in embedded mode.
 *
 * Redis down: with `local`, the library's insurance limiter counts in this process
 * with the same quota (so the limit still holds per instance; fleet-wide it is at
 * most instances × quota); with `closed`, the request is refused with 503
 * `dependency_unavailable`. Once a key is over its quota, this instance refuses it
 * from memory until the window ends, so a flood costs no Redis round trips.
 */
export class RateLimitPolicy {
  private readonly limiter: Limiter;

  constructor(
    readonly name: string,
    readonly quota: RateLimitQuota,
    store: PolicyStore,
  ) {
    const base = { points: quota.points, duration: quota.windowSeconds, keyPrefix: `${store.prefix}rl:${name}` };
    if (!store.redis) {
      this.limiter = new RateLimiterMemory(base);
      return;
    }
    this.limiter = new RateLimiterRedis({
      ...base,
      storeClient: store.redis,
      // Fail at once while disconnected instead of waiting for a command timeout.
      rejectIfRedisNotReady: true,
      inMemoryBlockOnConsumed: quota.points + 1,
      insuranceLimiter: store.onStoreFailure === 'local' ? new RateLimiterMemory(base) : undefined,
    });
  }

  /** Counts one request for `key`; never throws for "over the limit" (see `allowed`). */
  async consume(key: string): Promise<RateLimitOutcome> {
    try {
      return this.outcome(await this.limiter.consume(key), true);
    } catch (rejection) {
      if (rejection instanceof RateLimiterRes) return this.outcome(rejection, false);
      // Only reachable with RATE_LIMIT_ON_STORE_FAILURE=closed: Redis could not count.
      throw new DependencyUnavailableError('redis');
    }
  }

  /**
   * Takes up to `points` of `key`'s quota in one count (one Redis round trip), for a
   * caller that spends them locally (the relay's lease, relay-rate-limit.ts). `granted`
   * is how many fitted under the quota (0 when over, including while this instance
   * refuses the key from memory); `msLeft` is the rest of the window, after which the
   * points must not be spent.
   */
  async lease(key: string, points: number): Promise<RateLimitLease> {
    try {
      const res = await this.limiter.consume(key, points);
      return { granted: points, msLeft: res.msBeforeNext, outcome: this.outcome(res, true) };
    } catch (rejection) {
      if (!(rejection instanceof RateLimiterRes)) throw new DependencyUnavailableError('redis');
      // consumedPoints counts this request's points too; an in-memory refusal reports 0.
      const before = rejection.consumedPoints - points;
      const granted = before < 0 ? 0 : Math.max(0, Math.min(points, this.quota.points - before));
      return { granted, msLeft: rejection.msBeforeNext, outcome: this.outcome(rejection, granted > 0) };
    }
  }

  /** Forgets `key`'s count (e.g. a username after a successful sign-in). */
  async reset(key: string): Promise<void> {
    try {
      await this.limiter.delete(key);
    } catch {
      throw new DependencyUnavailableError('redis');
    }
  }

  private outcome(res: RateLimiterRes, allowed: boolean): RateLimitOutcome {
    return {
      policy: this.name,
      allowed,
      quota: this.quota,
      remaining: res.remainingPoints,
      resetSeconds: Math.max(1, Math.ceil(res.msBeforeNext / 1000)),
    };
  }
}
