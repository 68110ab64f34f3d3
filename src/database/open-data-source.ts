import { DataSource } from 'typeorm';
import type { AppConfig } from '../config/app-config.js';
import { dataSourceOptions } from './data-source-options.js';
import { migrationsApplied } from './migrations-applied.js';

/** Connects (failing fast with a readable message), ensures the schema and applies migrations. */
export async function openDataSource(config: AppConfig['database']): Promise<DataSource> {
  const dataSource = new DataSource(dataSourceOptions(config));
  try {
    await dataSource.initialize();
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new Error(`Cannot connect to the database (${describe(config)}): ${reason}`, { cause: error });
  }
  if (!config.embedded && config.schema !== 'public') {
    await dataSource.query(`CREATE SCHEMA IF NOT EXISTS "${config.schema}"`);
  }
  const schema = config.embedded ? 'public' : config.schema;
  if (config.migrationsRun && !(await migrationsApplied(dataSource, schema))) await dataSource.runMigrations({ transaction: 'each' });
  return dataSource;
}

/** Host and database only: the URL may carry a password. */
function describe(config: AppConfig['database']): string {
  if (config.embedded) return `embedded PGlite in ${config.dataDir}`;
  const url = new URL(config.url as string);
  return `postgres ${url.host}${url.pathname}`;
}
