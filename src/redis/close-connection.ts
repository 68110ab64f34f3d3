import type { RedisConnection } from './redis-client.factory.js';

// A connected server answers QUIT in well under this; anything slower is treated as gone.
const QUIT_TIMEOUT_MS = 1_000;

/**
 * Closes an ioredis connection within a bounded time whatever its state. QUIT is only
 * sent to a connection that is ready: on one that is reconnecting (e.g. to sentinels
 * that are gone) it would wait in the offline queue forever and hold shutdown past its
 * grace period. Otherwise, or when QUIT does not answer in time, the socket is dropped
 * and reconnection stopped (`disconnect`), which also rejects anything still queued.
 */
export async function closeRedisConnection(connection: RedisConnection | undefined): Promise<void> {
  if (!connection || connection.status === 'end') return;
  if (connection.status === 'ready') {
    let timer: NodeJS.Timeout | undefined;
    const gaveUp = new Promise<'timeout'>((resolve) => (timer = setTimeout(() => resolve('timeout'), QUIT_TIMEOUT_MS)));
    const quit = connection.quit().then(
      () => 'quit' as const,
      () => 'failed' as const,
    );
    const outcome = await Promise.race([quit, gaveUp]);
    clearTimeout(timer);
    if (outcome === 'quit') return;
  }
  connection.disconnect();
}

/** True when a command sent now would go to the server rather than wait in an offline queue. */
export function isReady(connection: RedisConnection): boolean {
  return connection.status === 'ready';
}
