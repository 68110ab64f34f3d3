import { mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { DataSourceOptions } from 'typeorm';
import { PGliteDriver } from 'typeorm-pglite';
import type { AppConfig } from '../config/app-config.js';
import { entities } from './entities.js';
import { TypeOrmJsonLogger } from './typeorm-json-logger.js';
import { migrations } from './migrations/index.js';

/**
 * Postgres through `pg` when DATABASE_URL is set, otherwise embedded PGlite in
 * DATA_DIR. Both run the same committed migrations; the schema is never synchronised.
 */
export function dataSourceOptions(config: AppConfig['database']): DataSourceOptions {
  const common = {
    type: 'postgres' as const,
    entities,
    migrations,
    synchronize: false,
    migrationsRun: false,
    uuidExtension: 'pgcrypto' as const,
    installExtensions: false,
    logging: ['error' as const, 'warn' as const],
    // JSON lines through the app logger, never the query parameters.
    logger: new TypeOrmJsonLogger(),
  };
  if (config.embedded) {
    const dataDir = resolve(config.dataDir, 'pglite');
    mkdirSync(dataDir, { recursive: true });
    return { ...common, driver: new PGliteDriver({ dataDir }).driver };
  }
  return {
    ...common,
    url: config.url,
    schema: config.schema,
    connectTimeoutMS: config.connectTimeoutMs,
    // Unqualified names in migrations land in the configured schema.
    extra: { options: `-c search_path=${config.schema}`, max: 10 },
  };
}

export function embeddedDataPath(config: AppConfig['database']): string {
  return join(resolve(config.dataDir), 'pglite');
}
