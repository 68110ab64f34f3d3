import { Logger, Module, type DynamicModule } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import type { AppConfig } from '../config/app-config.js';
import type { BootResources } from '../bootstrap/boot-resources.js';
import { openDataSource } from './open-data-source.js';

/** The TypeORM data source; feature modules use TypeOrmModule.forFeature. */
@Module({})
export class DatabaseModule {
  static forRoot(config: AppConfig, resources: BootResources): DynamicModule {
    return {
      module: DatabaseModule,
      imports: [
        TypeOrmModule.forRootAsync({
          useFactory: () => {
            if (config.database.embedded) {
              new Logger('Database').warn(
                `DATABASE_URL is not set: using embedded PGlite in ${config.database.dataDir} (single instance only)`,
              );
            }
            // The real options are built once in openDataSource (building them twice would
            // open PGlite twice). Fail fast: a wrong DATABASE_URL stops the boot, no retries.
            return { type: 'postgres' as const, retryAttempts: 0 };
          },
          dataSourceFactory: () => {
            const opening = openDataSource(config.database);
            // Tracked before it is open: a boot that fails elsewhere meanwhile waits for the
            // open to settle and closes it, rather than leaving a pooled connection behind.
            resources.track(async () => {
              const dataSource = await opening.catch(() => undefined);
              if (dataSource?.isInitialized) await dataSource.destroy();
            });
            return opening;
          },
        }),
      ],
    };
  }
}
