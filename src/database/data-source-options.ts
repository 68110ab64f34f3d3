import { mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import type { DataSourceOptions } from 'typeorm';
import { PGliteDriver } from 'typeorm-pglite';
import type { AppConfig } from '../config/app-config.js';
import { seedFromEmbeddedTemplate } from './embedded-template.js';
import { entities } from './entities.js';
import { TypeOrmJsonLogger } from './typeorm-json-logger.js';
import { migrations } from './migrations/index.js';

/**
 * PGlite runs one single-user Postgres inside WebAssembly for one connection. Its stock
 * settings (128 MB of shared buffers, 100 connection slots) cost about 0.7 s of CPU at
 * every start just to initialise that memory; 16 MB is ample for a development database.
 */
export const EMBEDDED_START_PARAMS: readonly string[] = [...PGlite.defaultStartParams, '-c', 'shared_buffers=16MB', '-c', 'max_connections=10'];

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
    seedFromEmbeddedTemplate(dataDir);
    return { ...common, driver: new PGliteDriver({ dataDir, startParams: [...EMBEDDED_START_PARAMS] }).driver };
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
