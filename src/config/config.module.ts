import { Global, Module, type DynamicModule } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from './app-config.js';
import { BOOT_RESOURCES, type BootResources } from '../bootstrap/boot-resources.js';

/** Provides the AppConfig validated by the entry point (nothing reads process.env after that) and the boot resource tracker. */
@Global()
@Module({})
export class ConfigModule {
  static forRoot(config: AppConfig, resources: BootResources): DynamicModule {
    return {
      module: ConfigModule,
      providers: [
        { provide: APP_CONFIG, useValue: config },
        { provide: BOOT_RESOURCES, useValue: resources },
      ],
      exports: [APP_CONFIG, BOOT_RESOURCES],
    };
  }
}
