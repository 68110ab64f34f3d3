import { Global, Logger, Module, type OnApplicationShutdown, Inject } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '../config/app-config.js';
import { KvStore } from './kv-store.port.js';
import { openKvStore } from './open-kv-store.js';

/** Provides the one KvStore the whole app shares; it quits on shutdown. */
@Global()
@Module({
  providers: [
    {
      provide: KvStore,
      inject: [APP_CONFIG],
      useFactory: (config: AppConfig) => openKvStore(config.redis, new Logger('Redis')),
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
