import type { DataSource } from 'typeorm';

/**
 * Whether every migration this build knows is already recorded. Two catalog-cheap reads
 * instead of TypeORM's `information_schema` lookup, which on embedded PGlite costs a few
 * hundred milliseconds at every start; when anything is missing (or the table is not
 * there yet) the caller runs TypeORM's own migration run as before.
 */
export async function migrationsApplied(dataSource: DataSource, schema: string): Promise<boolean> {
  const table = `"${schema}"."${dataSource.options.migrationsTableName ?? 'migrations'}"`;
  const [found] = (await dataSource.query('SELECT to_regclass($1) IS NOT NULL AS "present"', [table])) as { present: boolean }[];
  if (!found?.present) return false;
  const rows = (await dataSource.query(`SELECT "name" FROM ${table}`)) as { name: string }[];
  const recorded = new Set(rows.map((row) => row.name));
  // TypeORM records a migration under its `name`, or its class name when it has none.
  return dataSource.migrations.every((migration) => recorded.has(migration.name ?? migration.constructor.name));
}
