import pg from 'pg';
import type { DataSource } from 'typeorm';

/**
 * Runs a hot read as a named prepared statement when the database is a real Postgres:
 * the server parses and plans it once per connection instead of on every call, and
 * the call skips TypeORM's query runner (so it is not in TypeORM's query log). On the
 * embedded PGlite it goes through TypeORM as usual. Errors are the driver's own, which
 * the problem filter already classifies (database-unavailable.ts).
 */
export async function preparedQuery<Row>(dataSource: DataSource, name: string, text: string, values: unknown[]): Promise<Row[]> {
  const pool = (dataSource.driver as { master?: unknown }).master;
  if (pool instanceof pg.Pool) return (await pool.query({ name, text, values })).rows as Row[];
  return (await dataSource.query(text, values)) as Row[];
}
