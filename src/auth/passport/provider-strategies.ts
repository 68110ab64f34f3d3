import { Inject, Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { APP_CONFIG, type AppConfig } from '../../config/app-config.js';
import { ProviderRegistry } from '../../providers/provider-registry.js';
import { LoginTransactionStore } from '../login/login-transaction.store.js';
import { ProviderStrategy } from './provider-strategy.js';

/**
 * One passport strategy per configured provider, created on first use.
 * Names carry an instance id because passport's registry is process-wide and
 * tests run several apps (with different upstreams) in one process.
 */
@Injectable()
export class ProviderStrategies {
  private readonly instance = randomUUID().slice(0, 8);
  private readonly names = new Map<string, string>();

  constructor(
    @Inject(ProviderRegistry) private readonly registry: ProviderRegistry,
    @Inject(LoginTransactionStore) private readonly transactions: LoginTransactionStore,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /** The passport strategy name for a provider id; unknown ids throw provider_not_found. */
  strategyName(providerId: string): string {
    const existing = this.names.get(providerId);
    if (existing) return existing;
    const adapter = this.registry.get(providerId);
    const entry = this.registry.configOf(providerId);
    const name = `bff-${this.instance}-${adapter.id}`;
    new ProviderStrategy({
      name,
      adapter,
      clientId: entry.clientId,
      clientSecret: entry.clientSecret,
      redirectUri: entry.redirectUri,
      transactions: this.transactions,
      config: this.config,
    });
    this.names.set(providerId, name);
    return name;
  }
}
