import { Inject, Module, type OnApplicationBootstrap } from '@nestjs/common';
import { ProviderRegistry } from '../providers/provider-registry.js';
import { ProvidersModule } from '../providers/providers.module.js';
import { isTracingOn } from './tracing-switch.js';
import { allowPropagationTo } from './upstream-propagation.js';

/** Tells the trace propagator which upstream origins may receive `traceparent` (providers that opt in). */
@Module({ imports: [ProvidersModule] })
export class TelemetryModule implements OnApplicationBootstrap {
  constructor(@Inject(ProviderRegistry) private readonly registry: ProviderRegistry) {}

  onApplicationBootstrap(): void {
    if (!isTracingOn()) return;
    const origins = new Set<string>();
    for (const adapter of this.registry.list()) {
      const config = this.registry.configOf(adapter.id);
      if (!config.propagateTraceContext) continue;
      const urls = [...Object.values(config.endpoints), config.relay?.baseUrl];
      for (const url of urls) if (typeof url === 'string' && /^https?:/.test(url)) origins.add(new URL(url).origin);
    }
    allowPropagationTo(origins);
  }
}
