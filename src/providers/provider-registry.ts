import { Injectable, Logger, type OnApplicationBootstrap } from '@nestjs/common';
import { DomainError } from '../common/errors/domain-error.js';
import type { ProviderConfig } from './config/provider-config.js';
import { createAdapter } from './create-adapter.js';
import type { ProviderAdapter } from './provider-adapter.js';

/**
 * The configured providers: one adapter and one validated config entry per id,
 * in file order. Built once at boot (see ProvidersModule); immutable afterwards.
 */
@Injectable()
export class ProviderRegistry implements OnApplicationBootstrap {
  private readonly logger = new Logger('ProviderRegistry');
  private readonly adapters = new Map<string, ProviderAdapter>();
  private readonly configs = new Map<string, ProviderConfig>();

  constructor(entries: ProviderConfig[], adapterFor: (config: ProviderConfig) => ProviderAdapter = createAdapter) {
    for (const entry of entries) {
      this.configs.set(entry.id, entry);
      this.adapters.set(entry.id, adapterFor(entry));
    }
  }

  /** The adapter for `id`; an unknown id is a 404 problem (`provider_not_found`). */
  get(id: string): ProviderAdapter {
    const adapter = this.adapters.get(id);
    if (!adapter) throw notFound(id);
    return adapter;
  }

  has(id: string): boolean {
    return this.adapters.has(id);
  }

  list(): ProviderAdapter[] {
    return [...this.adapters.values()];
  }

  /** The validated entry (client id, secret as a non-enumerable property, redirect URI, scopes, grants, relay). */
  configOf(id: string): ProviderConfig {
    const config = this.configs.get(id);
    if (!config) throw notFound(id);
    return config;
  }

  /**
   * Warms discovery-backed adapters (generic) so their capability flags are final
   * before the first request. Not fatal: an identity provider that is down at boot
   * is retried on first use.
   */
  async onApplicationBootstrap(): Promise<void> {
    await Promise.all(
      this.list()
        .filter((adapter) => adapter.kind === 'generic')
        .map((adapter) => adapter.issuer().catch((error: Error) => this.logger.warn(`${adapter.id}: discovery failed at boot (${error.message}); retrying on first use`))),
    );
  }
}

function notFound(id: string): DomainError {
  // The id comes from a URL: echo a bounded, printable form only.
  const shown = id.replace(/[^\w.-]/g, '?').slice(0, 64);
  return new DomainError('provider_not_found', 404, `No provider "${shown}" is configured.`, { provider: shown });
}
