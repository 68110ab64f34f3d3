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
    extra: poolOptions(config),
  };
}

/**
 * node-postgres pool settings. The statement timeout is enforced by the server
 * (`statement_timeout`) and, a second later, by the client (`query_timeout`), so a
 * query to a server that vanished mid-statement also ends: the caller gets a 503.
 */
export function poolOptions(config: AppConfig['database']): Record<string, unknown> {
  const limit = config.statementTimeoutMs;
  return {
    // Unqualified names in migrations land in the configured schema.
    options: `-c search_path=${config.schema}`,
    max: config.poolMax,
    idleTimeoutMillis: config.idleTimeoutMs,
    ...(limit > 0 ? { statement_timeout: limit, query_timeout: limit + 1_000 } : {}),
  };
}

export function embeddedDataPath(config: AppConfig['database']): string {
  return join(resolve(config.dataDir), 'pglite');
}
