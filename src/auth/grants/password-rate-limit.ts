import { Inject, Injectable } from '@nestjs/common';
import { createHash } from 'node:crypto';
import { APP_CONFIG, type AppConfig } from '../../config/app-config.js';
import { clientAddressKey } from '../../rate-limit/client-address.js';
import { tooManyRequests } from '../../rate-limit/rate-limit-headers.js';
import type { RateLimitPolicy } from '../../rate-limit/rate-limit-policy.js';
import { RateLimits } from '../../rate-limit/rate-limits.service.js';

/**
 * Brute-force brake for the password grant, on the shared rate-limit store: fixed
 * windows per client IP and per (provider, username). Every attempt counts and is
 * counted BEFORE the upstream call, so parallel guesses cannot slip past the limit;
 * a success clears the username's counter. Usernames are hashed in keys (no personal
 * data in Redis). The route's `grants` class limit applies on top.
 */
@Injectable()
export class PasswordRateLimit {
  private readonly perIp: RateLimitPolicy;
  private readonly perUser: RateLimitPolicy;

  constructor(@Inject(RateLimits) limits: RateLimits, @Inject(APP_CONFIG) config: AppConfig) {
    const { passwordMaxAttemptsPerIp, passwordMaxAttemptsPerUser, passwordWindowSeconds } = config.grants;
    this.perIp = limits.policy('password-ip', { points: passwordMaxAttemptsPerIp, windowSeconds: passwordWindowSeconds });
    this.perUser = limits.policy('password-user', { points: passwordMaxAttemptsPerUser, windowSeconds: passwordWindowSeconds });
  }

  /** Counts an attempt; throws 429 `too_many_requests` with Retry-After once either limit is passed. */
  async attempt(provider: string, username: string, ip: string | undefined): Promise<void> {
    const outcomes = await Promise.all([this.perIp.consume(clientAddressKey(ip)), this.perUser.consume(this.userKey(provider, username))]);
    const refused = outcomes.filter((o) => !o.allowed).sort((a, b) => b.resetSeconds - a.resetSeconds);
    if (refused.length) throw tooManyRequests(refused[0], 'Too many sign-in attempts; try again later.');
  }

  async succeeded(provider: string, username: string): Promise<void> {
    await this.perUser.reset(this.userKey(provider, username));
  }

  private userKey(provider: string, username: string): string {
    return createHash('sha256').update(`${provider}\u0000${username.trim().toLowerCase()}`).digest('hex');
  }
}
