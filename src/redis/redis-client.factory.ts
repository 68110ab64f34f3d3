import { Redis, Cluster, type RedisOptions } from 'ioredis';
import type { AppConfig } from '../config/app-config.js';

export type RedisConnection = Redis | Cluster;

// Fail commands at once while disconnected (readiness must turn red, never hang),
// and keep reconnecting in the background so the service recovers by itself.
const commonOptions: RedisOptions = {
  lazyConnect: true,
  enableOfflineQueue: false,
  maxRetriesPerRequest: 1,
  retryStrategy: (attempt) => Math.min(attempt * 200, 2_000),
};

/** Builds an ioredis client for standalone, Sentinel or Cluster from the typed config. */
export function createRedisConnection(config: AppConfig['redis']): RedisConnection {
  const options = { ...commonOptions, connectTimeout: config.connectTimeoutMs };
  if (config.mode === 'cluster') {
    return new Cluster(config.clusterNodes, { lazyConnect: true, enableOfflineQueue: false, redisOptions: options });
  }
  if (config.mode === 'sentinel') {
    const auth = config.url ? new URL(config.url) : undefined;
    return new Redis({
      ...options,
      sentinels: config.sentinels,
      name: config.sentinelName,
      password: auth?.password ? decodeURIComponent(auth.password) : undefined,
    });
  }
  return new Redis(config.url as string, options);
}
