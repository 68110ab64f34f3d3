import { Global, Logger, Module, type OnApplicationShutdown, Inject } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '../config/app-config.js';
import { BOOT_RESOURCES, type BootResources } from '../bootstrap/boot-resources.js';
import { KvStore } from './kv-store.port.js';
import { openKvStore } from './open-kv-store.js';

/** Provides the one KvStore the whole app shares; it quits on shutdown. */
@Global()
@Module({
  providers: [
    {
      provide: KvStore,
      inject: [APP_CONFIG, BOOT_RESOURCES],
      useFactory: async (config: AppConfig, resources: BootResources) => {
        const store = await openKvStore(config.redis, new Logger('Redis'));
        resources.track(() => store.close());
        return store;
      },
    },
  ],
  exports: [KvStore],
})
export class RedisModule implements OnApplicationShutdown {
  constructor(@Inject(KvStore) private readonly store: KvStore) {}

  async onApplicationShutdown(): Promise<void> {
    await this.store.close();
  }
}
