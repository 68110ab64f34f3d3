import { Global, Module } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '../config/app-config.js';
import { loadProviders } from './config/load-providers.js';
import { ProviderRegistry } from './provider-registry.js';
import { ProvidersController } from './providers.controller.js';

/**
 * The provider registry, built from the providers file (or the sandbox defaults)
 * when the module initialises: a bad file stops the boot with a ConfigError
 * naming the provider and the field. Global so feature modules inject it directly.
 */
@Global()
@Module({
  controllers: [ProvidersController],
  providers: [{ provide: ProviderRegistry, useFactory: (config: AppConfig) => new ProviderRegistry(loadProviders(config)), inject: [APP_CONFIG] }],
  exports: [ProviderRegistry],
})
export class ProvidersModule {}
