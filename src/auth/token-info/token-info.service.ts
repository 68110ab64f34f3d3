import { Inject, Injectable } from '@nestjs/common';
import { createHash } from 'node:crypto';
import { DependencyUnavailableError, DomainError } from '../../common/errors/domain-error.js';
import { APP_CONFIG, type AppConfig } from '../../config/app-config.js';
import { redactDeep } from '../../logging/redact.js';
import { ProviderRegistry } from '../../providers/provider-registry.js';
import { KvStore } from '../../redis/kv-store.port.js';
import { AccessTokenProvider } from '../../tokens/access-token.provider.js';

export interface TokenInfoView {
  provider: string;
  info: Record<string, unknown>;
  fetchedAt: string;
  cached: boolean;
}

/**
 * The provider's own view of the user's linked token (BlueJeans tokenInfo,
 * Phone.com access-token details, RFC 7662 introspection, Cal.com /v2/me). Cached
 * briefly per account and token hash, so a new token is looked up afresh. Keys
 * named like credentials are masked before caching or answering.
 */
@Injectable()
export class TokenInfoService {
  constructor(
    @Inject(ProviderRegistry) private readonly registry: ProviderRegistry,
    @Inject(KvStore) private readonly store: KvStore,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    // Refreshes first when the token is about to expire; not linked -> provider_not_linked with loginUrl.
    @Inject(AccessTokenProvider) private readonly tokens: AccessTokenProvider,
  ) {}

  async forUser(userId: string, provider: string): Promise<TokenInfoView> {
    const adapter = this.registry.get(provider);
    if (!adapter.capabilities.tokenInfo) {
      throw new DomainError('token_info_not_supported', 409, `${adapter.displayName} offers no token information.`, { provider: adapter.id });
    }
    const { account, accessToken } = await this.tokens.forUser(userId, adapter.id);
    const accountId = account.id;
    const key = `token-info:${accountId}:${createHash('sha256').update(accessToken).digest('hex')}`;
    const hit = await this.redis(() => this.store.get(key));
    if (hit) return { ...(JSON.parse(hit) as Omit<TokenInfoView, 'cached'>), cached: true };
    const view = { provider: adapter.id, info: redactDeep(await adapter.tokenInfo(accessToken)) as Record<string, unknown>, fetchedAt: new Date().toISOString() };
    const ttlMs = this.config.grants.tokenInfoCacheSeconds * 1000;
    if (ttlMs > 0) await this.redis(() => this.store.set(key, JSON.stringify(view), ttlMs));
    return { ...view, cached: false };
  }


  private async redis<T>(work: () => Promise<T>): Promise<T> {
    try {
      return await work();
    } catch {
      throw new DependencyUnavailableError('redis');
    }
  }
}
