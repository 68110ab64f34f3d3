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
          dataSourceFactory: async () => {
            const dataSource = await openDataSource(config.database);
            resources.track(async () => dataSource.isInitialized && dataSource.destroy());
            return dataSource;
          },
        }),
      ],
    };
  }
}
