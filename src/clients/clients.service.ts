import { Inject, Injectable, Logger } from '@nestjs/common';
import { DomainError } from '../common/errors/domain-error.js';
import type { ProviderAdapter } from '../providers/provider-adapter.js';
import { ProviderRegistry } from '../providers/provider-registry.js';
import type { AuthenticatedRequest } from '../sessions/session-request.js';
import { ManagementAuthorityService } from './authority/management-authority.service.js';
import type { ManagementActor, ManagementAuthority } from './authority/management-call.js';
import { ClientsCache } from './cache/clients-cache.js';
import { readsFromRegistry, requireCapability, requireReadable } from './client-capability.js';
import { ClientsAudit, type ClientAuditAction } from './clients-audit.js';
import type { ClientInputDto } from './dto/client-request.dto.js';
import type { ClientDto, ClientPageDto, ClientWithSecretDto } from './dto/client.dto.js';
import type { ClientApplicationEntity } from './registry/client-application.entity.js';
import { factsOf, fromRegistryRow } from './registry/client-application.mapper.js';
import { ClientRegistryService } from './registry/client-registry.service.js';
import type { ClientApi, ClientApiContext, ClientWithSecret, PageRequest } from './upstreams/client-api.js';
import { clientApiFor } from './upstreams/client-apis.js';

const clientNotFound = (provider: string) => new DomainError('client_not_found', 404, `No such client application is recorded for ${provider}.`, { provider });

/**
 * Client-application management across providers: capability checks, the BFF's
 * registry where the upstream cannot list, the cache and its invalidation, audit.
 * The wire formats live in upstreams/; whose token acts is the authority's call.
 */
@Injectable()
export class ClientsService {
  private readonly logger = new Logger('ClientsService');

  constructor(
    @Inject(ProviderRegistry) private readonly providers: ProviderRegistry,
    @Inject(ManagementAuthorityService) private readonly authority: ManagementAuthorityService,
    @Inject(ClientRegistryService) private readonly registry: ClientRegistryService,
    @Inject(ClientsCache) private readonly cache: ClientsCache,
    @Inject(ClientsAudit) private readonly audit: ClientsAudit,
  ) {}

  async list(actor: ManagementActor, provider: string, page: PageRequest): Promise<ClientPageDto> {
    const adapter = this.providers.get(provider);
    requireReadable(adapter, 'list');
    if (readsFromRegistry(adapter, 'list')) {
      const size = page.size ?? 25;
      const number = page.number ?? 1;
      const { rows, total } = await this.registry.list(adapter.id, actor, { size, number });
      const pageCount = Math.max(1, Math.ceil(total / size));
      return { items: rows.map(fromRegistryRow), page: { number, size, total, pageCount, hasNext: number < pageCount }, source: 'bff-registry' };
    }
    const parts = [this.cacheScope(actor, adapter), 'list', String(page.size ?? ''), String(page.number ?? '')];
    return this.cache.through('clients', adapter.id, parts, () => this.api(adapter).list!(this.context(actor, adapter), page));
  }

  async get(actor: ManagementActor, provider: string, clientId: string): Promise<ClientDto> {
    const adapter = this.providers.get(provider);
    requireReadable(adapter, 'get');
    const record = await this.recordFor(actor, adapter, clientId);
    if (record && readsFromRegistry(adapter, 'get')) return fromRegistryRow(record);
    const parts = [this.cacheScope(actor, adapter), 'client', clientId];
    return this.cache.through('clients', adapter.id, parts, () => this.api(adapter).get!(this.context(actor, adapter, record), clientId));
  }

  async create(req: AuthenticatedRequest, actor: ManagementActor, provider: string, input: ClientInputDto): Promise<ClientWithSecretDto> {
    const adapter = this.providers.get(provider);
    requireCapability(adapter, 'create');
    return this.audited(req, 'client_create', adapter.id, undefined, async (audit) => {
      const created = await this.api(adapter).create!(this.context(actor, adapter), input);
      audit.clientId = created.client.id;
      if (adapter.clientManagement.registry) await this.remember(actor, adapter, created);
      await this.cache.invalidate(adapter.id);
      return this.withSecret(adapter, created);
    });
  }

  async update(req: AuthenticatedRequest, actor: ManagementActor, provider: string, clientId: string, input: ClientInputDto): Promise<ClientDto> {
    const adapter = this.providers.get(provider);
    requireCapability(adapter, 'update');
    return this.audited(req, 'client_update', adapter.id, clientId, async () => {
      const record = await this.recordFor(actor, adapter, clientId);
      const { registration, ...updated } = await this.api(adapter).update!(this.context(actor, adapter, record), clientId, input);
      await this.cache.invalidate(adapter.id);
      if (!record) return updated;
      const saved = await this.registry.update(record, updated.name, factsOf(updated), registration);
      if (!saved) throw clientNotFound(adapter.id);
      return fromRegistryRow(saved);
    });
  }

  async delete(req: AuthenticatedRequest, actor: ManagementActor, provider: string, clientId: string): Promise<void> {
    const adapter = this.providers.get(provider);
    requireCapability(adapter, 'delete');
    await this.audited(req, 'client_delete', adapter.id, clientId, async () => {
      const record = await this.recordFor(actor, adapter, clientId);
      // Upstream first: when it fails, the registry row stays and the client is still manageable.
      await this.api(adapter).delete!(this.context(actor, adapter, record), clientId);
      if (record) await this.registry.remove(record);
      await this.cache.invalidate(adapter.id);
    });
  }

  async regenerateSecret(req: AuthenticatedRequest, actor: ManagementActor, provider: string, clientId: string): Promise<ClientWithSecretDto> {
    const adapter = this.providers.get(provider);
    requireCapability(adapter, 'regenerateSecret');
    return this.audited(req, 'client_secret_regenerate', adapter.id, clientId, async () => {
      const record = await this.recordFor(actor, adapter, clientId);
      const result = await this.api(adapter).regenerateSecret!(this.context(actor, adapter, record), clientId);
      await this.cache.invalidate(adapter.id);
      return this.withSecret(adapter, result);
    });
  }

  /** Which cache partition a read by `actor` uses (the answer depends on whose permissions apply). */
  cacheScope(actor: ManagementActor, adapter: ProviderAdapter): string {
    return this.authority.usesAppToken(actor, adapter.id) ? 'app' : `user:${actor.userId}`;
  }

  /** The per-call context; the authority (and its token) is resolved only when a call needs it. */
  context(actor: ManagementActor, adapter: ProviderAdapter, record?: ClientApplicationEntity): ClientApiContext {
    let resolved: Promise<ManagementAuthority> | undefined;
    return {
      actor,
      provider: adapter.id,
      adapter,
      initialAccessToken: this.providers.configOf(adapter.id).management?.initialAccessToken,
      authority: this.authority,
      resolveAuthority: () => (resolved ??= this.authority.authorityFor(actor, adapter.id)),
      ...(record ? { record, registrationAccessToken: this.registry.registrationAccessToken(record) } : {}),
    };
  }

  api(adapter: ProviderAdapter): ClientApi {
    return clientApiFor(adapter.kind);
  }

  /** Where the BFF keeps a registry, a client it did not record (or the caller may not see) is unknown here. */
  private async recordFor(actor: ManagementActor, adapter: ProviderAdapter, clientId: string): Promise<ClientApplicationEntity | undefined> {
    if (!adapter.clientManagement.registry) return undefined;
    const record = await this.registry.find(adapter.id, clientId, actor);
    if (!record) throw clientNotFound(adapter.id);
    return record;
  }

  /**
   * Records a client the upstream just created. If that fails the upstream client is
   * deleted again where the provider allows it, so nothing is left half-made.
   */
  private async remember(actor: ManagementActor, adapter: ProviderAdapter, created: ClientWithSecret): Promise<void> {
    try {
      await this.registry.add({ provider: adapter.id, upstreamClientId: created.client.id, ownerUserId: actor.userId, name: created.client.name, facts: factsOf(created.client), registration: created.registration });
    } catch (error) {
      if (adapter.clientManagement.delete) {
        const ctx: ClientApiContext = { ...this.context(actor, adapter), registrationAccessToken: created.registration?.accessToken };
        await this.api(adapter).delete!(ctx, created.client.id).catch(() => this.logger.error({ provider: adapter.id }, 'could not delete an unrecorded upstream client'));
      } else {
        this.logger.error({ provider: adapter.id, clientId: created.client.id }, 'an upstream client was created but could not be recorded');
      }
      throw error;
    }
  }

  private withSecret(adapter: ProviderAdapter, result: ClientWithSecret): ClientWithSecretDto {
    if (!result.secret) throw new DomainError('upstream_bad_response', 502, `${adapter.id} did not return a client secret.`, { provider: adapter.id });
    return { ...result.client, secret: result.secret };
  }

  private async audited<T>(req: AuthenticatedRequest, action: ClientAuditAction, provider: string, clientId: string | undefined, work: (audit: { clientId?: string }) => Promise<T>): Promise<T> {
    const target = { clientId };
    try {
      const result = await work(target);
      await this.audit.record(req, { action, provider, clientId: target.clientId, outcome: 'success' });
      return result;
    } catch (error) {
      const code = error instanceof DomainError ? error.code : 'internal_error';
      await this.audit.record(req, { action, provider, clientId: target.clientId, outcome: 'failure', details: { code } });
      throw error;
    }
  }
}
