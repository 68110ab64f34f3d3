import { Inject, Injectable } from '@nestjs/common';
import { dependencyFailureLog } from '../../logging/repeated-failure-log.js';
import { APP_CONFIG, type AppConfig } from '../../config/app-config.js';
import { KvStore } from '../../redis/kv-store.port.js';

// Longer than any entry lives, so an expired generation can never revive old entries.
const GENERATION_TTL_MS = 7 * 86_400_000;

export type CacheKind = 'clients' | 'scopes';

/**
 * Short-lived Redis cache of upstream management reads. Every key carries the
 * provider's current generation; a write anywhere bumps it (one INCR), so every
 * instance's next read misses and asks the upstream: invalidation across the fleet
 * without pub/sub or key scans. Entries whose content depends on the caller's
 * permissions are keyed by the authority's cache scope. Never holds a secret (the
 * DTOs cached have none). Redis trouble is a cache miss, never a failed request.
 */
@Injectable()
export class ClientsCache {
  private readonly ttlMs: Record<CacheKind, number>;

  constructor(
    @Inject(KvStore) private readonly store: KvStore,
    @Inject(APP_CONFIG) config: AppConfig,
  ) {
    this.ttlMs = { clients: config.clients.cacheSeconds * 1000, scopes: config.clients.scopesCacheSeconds * 1000 };
  }

  /** The cached value, or what `load` fetches (then cached). */
  async through<T>(kind: CacheKind, provider: string, parts: string[], load: () => Promise<T>): Promise<T> {
    if (this.ttlMs[kind] === 0) return load();
    const key = await this.key(kind, provider, parts);
    const cached = key ? await this.quietly(() => this.store.get(key)) : null;
    if (cached) return JSON.parse(cached) as T;
    const value = await load();
    if (key) await this.quietly(() => this.store.set(key, JSON.stringify(value), this.ttlMs[kind]));
    return value;
  }

  /** After a write at `provider`: every instance's next read goes upstream. */
  async invalidate(provider: string): Promise<void> {
    const generation = this.generationKey(provider);
    await this.quietly(async () => {
      await this.store.incr(generation, GENERATION_TTL_MS);
      await this.store.expire(generation, GENERATION_TTL_MS);
    });
  }

  private async key(kind: CacheKind, provider: string, parts: string[]): Promise<string | undefined> {
    const generation = await this.quietly(() => this.store.get(this.generationKey(provider)));
    if (generation === undefined) return undefined;
    return ['clients', 'cache', provider, generation ?? '0', kind, ...parts.map(encodeURIComponent)].join(':');
  }

  private generationKey(provider: string): string {
    return `clients:gen:${provider}`;
  }

  private async quietly<T>(work: () => Promise<T>): Promise<T | undefined> {
    try {
      return await work();
    } catch (error) {
      // Every cached read fails while Redis is down: aggregated like the other dependency failures.
      dependencyFailureLog.warn('redis:clients-cache', 'clients cache unavailable; reading through', { err: (error as Error).message });
      return undefined;
    }
  }
}
