import type { LoggerService } from '@nestjs/common';
import type { AppConfig } from '../config/app-config.js';
import type { KvStore } from './kv-store.port.js';
import { MemoryKvStore } from './memory-kv-store.js';
import { createRedisConnection } from './redis-client.factory.js';
import { RedisKvStore } from './redis-kv-store.js';

/** Connects at boot and fails fast with a readable message when Redis is unreachable. */
export async function openKvStore(config: AppConfig['redis'], logger: LoggerService): Promise<KvStore> {
  if (config.embedded) {
    logger.warn('REDIS_URL is not set: using the in-process store (single instance only, state is lost on restart)');
    return new MemoryKvStore();
  }
  const connection = createRedisConnection(config);
  // Errors after boot are reported by readiness; without a listener ioredis would log each one loudly.
  connection.on('error', () => undefined);
  const timeout = new Promise<never>((_, reject) =>
    setTimeout(() => reject(new Error(`no answer within ${config.connectTimeoutMs} ms`)), config.connectTimeoutMs).unref(),
  );
  try {
    await Promise.race([connection.connect(), timeout]);
    await connection.ping();
  } catch (error) {
    connection.disconnect();
    const reason = error instanceof Error ? error.message : String(error);
    throw new Error(`Cannot connect to Redis (${config.mode}, REDIS_URL ${describeUrl(config.url)}): ${reason}`, { cause: error });
  }
  return new RedisKvStore(connection, config.keyPrefix);
}

/** Host and port only: a Redis URL may carry a password. */
function describeUrl(url?: string): string {
  if (!url) return '(unset)';
  const parsed = new URL(url);
  return `${parsed.protocol}//${parsed.host}`;
}
