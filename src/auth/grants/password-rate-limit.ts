import { Inject, Injectable } from '@nestjs/common';
import { createHash } from 'node:crypto';
import { DependencyUnavailableError, DomainError } from '../../common/errors/domain-error.js';
import { ErrorCode } from '../../common/errors/error-code.js';
import { APP_CONFIG, type AppConfig } from '../../config/app-config.js';
import { KvStore } from '../../redis/kv-store.port.js';

/**
 * Brute-force brake for the password grant: fixed-window Redis counters per client
 * IP and per (provider, username). Every attempt counts and is counted BEFORE the
 * upstream call, so parallel guesses cannot slip past the limit; a success clears
 * the username's counter. Usernames are hashed in keys (no personal data in Redis).
 */
@Injectable()
export class PasswordRateLimit {
  constructor(
    @Inject(KvStore) private readonly store: KvStore,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /** Counts an attempt; throws 429 `too_many_requests` with Retry-After once either limit is passed. */
  async attempt(provider: string, username: string, ip: string | undefined): Promise<void> {
    const { passwordMaxAttemptsPerIp: perIp, passwordMaxAttemptsPerUser: perUser, passwordWindowSeconds } = this.config.grants;
    const windowMs = passwordWindowSeconds * 1000;
    const ipKey = `pw-rl:ip:${ip ?? 'unknown'}`;
    const userKey = this.userKey(provider, username);
    const [ipCount, userCount] = await this.guard(() => Promise.all([this.store.incr(ipKey, windowMs), this.store.incr(userKey, windowMs)]));
    const over = [ipCount > perIp ? ipKey : undefined, userCount > perUser ? userKey : undefined].filter((k): k is string => k !== undefined);
    if (over.length === 0) return;
    const ttls = await this.guard(() => Promise.all(over.map((k) => this.store.ttl(k))));
    const retryAfter = Math.max(1, Math.ceil(Math.max(...ttls) / 1000));
    throw new DomainError(ErrorCode.TooManyRequests, 429, 'Too many sign-in attempts; try again later.', { retryAfterSeconds: retryAfter }, { 'Retry-After': String(retryAfter) });
  }

  async succeeded(provider: string, username: string): Promise<void> {
    await this.guard(() => this.store.del(this.userKey(provider, username)));
  }

  private userKey(provider: string, username: string): string {
    const hash = createHash('sha256').update(`${provider}\u0000${username.trim().toLowerCase()}`).digest('hex');
    return `pw-rl:user:${hash}`;
  }

  private async guard<T>(work: () => Promise<T>): Promise<T> {
    try {
      return await work();
    } catch {
      throw new DependencyUnavailableError('redis');
    }
  }
}
