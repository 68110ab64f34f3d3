import { Inject, Injectable } from '@nestjs/common';
import { DependencyUnavailableError } from '../../common/errors/domain-error.js';
import { APP_CONFIG, type AppConfig } from '../../config/app-config.js';
import { ProviderRegistry } from '../../providers/provider-registry.js';
import { KvStore } from '../../redis/kv-store.port.js';
import { requireGrant } from '../grants/grant-availability.js';
import { AppTokenCache, scopeKey, type AppToken } from './app-token.cache.js';

// Without an expiry from the provider, a token is trusted this long.
const DEFAULT_LIFETIME_MS = 5 * 60_000;
const LOCK_TTL_MS = 15_000;
const WAIT_STEP_MS = 50;

/**
 * The BFF's own client-credentials tokens, per provider and scope set, for
 * management calls. One upstream token call per (provider, scopes) across the
 * fleet: an in-process single flight, then a Redis lock; whoever waits re-reads
 * the cache the lock holder fills. Tokens are cached until shortly before expiry.
 */
@Injectable()
export class AppTokenService {
  private readonly inFlight = new Map<string, Promise<AppToken>>();

  constructor(
    @Inject(ProviderRegistry) private readonly registry: ProviderRegistry,
    @Inject(AppTokenCache) private readonly cache: AppTokenCache,
    @Inject(KvStore) private readonly store: KvStore,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /** A valid app token; `scopes` default to the provider's configured scopes. Throws 404 grant_not_enabled when off. */
  async get(provider: string, scopes?: string[]): Promise<AppToken> {
    const adapter = this.registry.get(provider);
    requireGrant(adapter, 'clientCredentials', 'client credentials grant');
    const wanted = scopes ?? this.registry.configOf(provider).scopes;
    const flightKey = `${adapter.id} ${scopeKey(wanted)}`;
    const running = this.inFlight.get(flightKey);
    if (running) return running;
    const flight = this.obtain(adapter.id, wanted).finally(() => this.inFlight.delete(flightKey));
    this.inFlight.set(flightKey, flight);
    return flight;
  }

  private async obtain(provider: string, scopes: string[]): Promise<AppToken> {
    const deadline = Date.now() + LOCK_TTL_MS;
    const lockName = `lock:${this.cache.key(provider, scopes)}`;
    while (Date.now() < deadline) {
      const cached = await this.redis(() => this.cache.read(provider, scopes));
      if (cached) return cached;
      const lock = await this.redis(() => this.store.acquireLock(lockName, LOCK_TTL_MS));
      if (!lock) {
        await new Promise((resolve) => setTimeout(resolve, WAIT_STEP_MS));
        continue;
      }
      try {
        // Another instance may have filled the cache between our read and our lock.
        return (await this.redis(() => this.cache.read(provider, scopes))) ?? (await this.fetch(provider, scopes));
      } finally {
        await this.store.releaseLock(lockName, lock).catch(() => undefined);
      }
    }
    throw new DependencyUnavailableError('app-token lock');
  }

  private async fetch(provider: string, scopes: string[]): Promise<AppToken> {
    const tokens = await this.registry.get(provider).clientCredentials!(scopes);
    const token: AppToken = {
      accessToken: tokens.accessToken,
      scopes: tokens.scopes.length > 0 ? tokens.scopes : scopes,
      expiresAt: tokens.expiresAt ?? new Date(Date.now() + DEFAULT_LIFETIME_MS),
    };
    await this.redis(() => this.cache.write(provider, scopes, token, this.config.grants.appTokenRefreshMarginSeconds * 1000));
    return token;
  }

  private async redis<T>(work: () => Promise<T>): Promise<T> {
    try {
      return await work();
    } catch {
      throw new DependencyUnavailableError('redis');
    }
  }
}
