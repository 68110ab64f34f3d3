import pg from 'pg';

/** Stops what a bench run started (newest first) and drops its schema; never throws. */
export async function teardown(cleanups, databaseUrl, schema) {
  for (const stop of cleanups.reverse()) await stop().catch(() => undefined);
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect().then(() => client.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`)).catch(() => undefined);
  await client.end().catch(() => undefined);
}
