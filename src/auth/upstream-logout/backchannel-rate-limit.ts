import { Inject, Injectable } from '@nestjs/common';
import { DependencyUnavailableError, DomainError } from '../../common/errors/domain-error.js';
import { ErrorCode } from '../../common/errors/error-code.js';
import { APP_CONFIG, type AppConfig } from '../../config/app-config.js';
import { KvStore } from '../../redis/kv-store.port.js';

const WINDOW_MS = 60_000;

/**
 * Fleet-wide brake on the back-channel logout endpoint: a fixed one-minute window per
 * provider, counted before any signature work, so a flood of junk tokens costs one
 * Redis increment each and cannot make us hammer the provider's JWKS.
 *
 * A route-local limiter on purpose: when the general rate-limit mechanism (issue 15,
 * rel-ops) lands, this class is the one hook to swap for it.
 */
@Injectable()
export class BackchannelRateLimit {
  constructor(
    @Inject(KvStore) private readonly kv: KvStore,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /** Counts one request; 429 `too_many_requests` with Retry-After over the limit. */
  async hit(provider: string): Promise<void> {
    const key = `bcl-rl:${provider}`;
    const count = await this.guard(() => this.kv.incr(key, WINDOW_MS));
    if (count <= this.config.logout.backchannelMaxPerMinute) return;
    const retryAfter = Math.max(1, Math.ceil((await this.guard(() => this.kv.ttl(key))) / 1000));
    throw new DomainError(ErrorCode.TooManyRequests, 429, 'Too many logout requests; try again later.', { retryAfterSeconds: retryAfter }, { 'Retry-After': String(retryAfter) });
  }

  private async guard<T>(work: () => Promise<T>): Promise<T> {
    try {
      return await work();
    } catch {
      throw new DependencyUnavailableError('redis');
    }
  }
}
