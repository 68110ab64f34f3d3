// Plain ESM: Jest loads global setup outside the TypeScript transform.
// Integration tests need the real services; say so plainly instead of timing out later.
import pg from 'pg';
import { Redis } from 'ioredis';

const databaseUrl = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
const redisUrl = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';

export default async function globalSetup() {
  const client = new pg.Client({ connectionString: databaseUrl, connectionTimeoutMillis: 3_000 });
  try {
    await client.connect();
    await client.query('SELECT 1');
  } catch (error) {
    throw new Error(`Integration tests need Postgres at ${databaseUrl}: ${error.message}`, { cause: error });
  } finally {
    await client.end().catch(() => undefined);
  }
  const redis = new Redis(redisUrl, { lazyConnect: true, maxRetriesPerRequest: 0 });
  try {
    await redis.connect();
    await redis.ping();
  } catch (error) {
    throw new Error(`Integration tests need Redis at ${redisUrl}: ${error.message}`, { cause: error });
  } finally {
    redis.disconnect();
  }
}
