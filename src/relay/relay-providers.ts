import type { AppConfig } from '../config/app-config.js';
import type { CircuitBreaker } from '../providers/circuit-breaker.js';
import type { CircuitBreakers } from '../providers/circuit-breakers.js';
import type { ProviderAdapter } from '../providers/provider-adapter.js';
import type { ProviderRegistry } from '../providers/provider-registry.js';
import { RelayAllowlist } from './relay-allowlist.js';
import { parseRelayBase, type RelayBase } from './relay-target.js';

/** Everything the relay needs about one provider, computed once at boot instead of per call. */
export interface ProviderRelay {
  id: string;
  adapter: ProviderAdapter;
  allowlist: RelayAllowlist;
  /** The relay base URL, parsed; undefined when the provider has none (nothing is relayed). */
  base?: RelayBase;
  /** Header names never sent upstream: the global list plus the provider's own, lower-case. */
  strip: ReadonlySet<string>;
  breaker: CircuitBreaker;
}

export function buildProviderRelays(config: AppConfig['relay'], registry: ProviderRegistry, breakers: CircuitBreakers): Map<string, ProviderRelay> {
  const relays = new Map<string, ProviderRelay>();
  for (const adapter of registry.list()) {
    const relay = registry.configOf(adapter.id).relay;
    const base = relay?.baseUrl ?? adapter.apiBaseUrl;
    relays.set(adapter.id, {
      id: adapter.id,
      adapter,
      allowlist: new RelayAllowlist(adapter.id, relay?.allow ?? []),
      base: base ? parseRelayBase(base) : undefined,
      strip: new Set([...config.stripHeaders, ...(relay?.stripHeaders ?? [])].map((h) => h.toLowerCase())),
      breaker: breakers.forProvider(adapter.id),
    });
  }
  return relays;
}
