import { Inject, Injectable } from '@nestjs/common';
import { ProviderRegistry } from '../providers/provider-registry.js';
import type { ManagementActor } from './authority/management-call.js';
import { ClientsCache } from './cache/clients-cache.js';
import { requireCapability } from './client-capability.js';
import { ClientsService } from './clients.service.js';
import type { AuthorizationDto, AuthorizationListDto, ScopeDto, ScopeListDto } from './dto/client.dto.js';

/**
 * Scope catalogues and the caller's authorizations. Scopes need no permission and
 * do not depend on the caller, so one cache entry per provider and language serves
 * everyone; authorizations are the caller's own and are not cached.
 */
@Injectable()
export class ClientCatalogService {
  constructor(
    @Inject(ProviderRegistry) private readonly providers: ProviderRegistry,
    @Inject(ClientsService) private readonly clients: ClientsService,
    @Inject(ClientsCache) private readonly cache: ClientsCache,
  ) {}

  async scopes(actor: ManagementActor, provider: string, language: string): Promise<ScopeListDto> {
    const adapter = this.providers.get(provider);
    requireCapability(adapter, 'scopes');
    const api = this.clients.api(adapter);
    const { items, language: answered } = await this.cache.through('scopes', adapter.id, ['list', language], () => api.scopes!(this.clients.context(actor, adapter), language));
    return { items, total: items.length, language: answered };
  }

  async scope(actor: ManagementActor, provider: string, scopeId: string, language: string): Promise<ScopeDto> {
    const adapter = this.providers.get(provider);
    requireCapability(adapter, 'scopes');
    const api = this.clients.api(adapter);
    return this.cache.through('scopes', adapter.id, ['one', language, scopeId], () => api.scope!(this.clients.context(actor, adapter), scopeId, language));
  }

  async authorizations(actor: ManagementActor, provider: string, language: string): Promise<AuthorizationListDto> {
    const adapter = this.providers.get(provider);
    requireCapability(adapter, 'authorizations');
    const { items, language: answered } = await this.clients.api(adapter).authorizations!(this.clients.context(actor, adapter), language);
    return { items, total: items.length, language: answered };
  }

  async authorization(actor: ManagementActor, provider: string, clientId: string, language: string): Promise<AuthorizationDto> {
    const adapter = this.providers.get(provider);
    requireCapability(adapter, 'authorizations');
    return this.clients.api(adapter).authorization!(this.clients.context(actor, adapter), clientId, language);
  }
}
