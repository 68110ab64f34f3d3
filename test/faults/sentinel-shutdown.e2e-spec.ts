import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { exitOf, startFaultInstance, type FaultInstance } from './support/fault-instance.js';
import { StoppableRedis } from '../support/redis-server-process.js';

// Generous for a loaded machine: a shutdown cut short by the grace timer exits 1, which the test refuses.
const GRACE_MS = 20_000;
const MASTER = 'faultmaster';

/**
 * Item 15: with the sentinels and Redis gone, a Sentinel-mode instance used to stay alive
 * 16 s after SIGTERM (grace 10 s): closing queued a QUIT/UNSUBSCRIBE on a pub/sub connection
 * that would never reconnect. Shutdown must end cleanly within the grace period.
 */
describe('fault: SIGTERM in Sentinel mode with Redis and the sentinels gone', () => {
  const redis = new StoppableRedis();
  let sentinel: StoppableRedis;
  let instance: FaultInstance;

  beforeAll(async () => {
    await redis.start();
    sentinel = new StoppableRedis({ sentinelOf: { name: MASTER, port: redis.port } });
    await sentinel.start();
    instance = await startFaultInstance('', {
      REDIS_URL: '',
      REDIS_MODE: 'sentinel',
      REDIS_SENTINELS: `127.0.0.1:${sentinel.port}`,
      REDIS_SENTINEL_NAME: MASTER,
      REDIS_CONNECT_TIMEOUT_MS: '2000',
      SHUTDOWN_GRACE_MS: String(GRACE_MS),
      RELAY_TIMEOUT_MS: '3000',
    });
  }, 60_000);
  afterAll(async () => {
    await instance?.close();
    await Promise.all([redis.dispose(), sentinel?.dispose()]);
  });

  it('exits 0 within the grace period', async () => {
    const { bff } = instance;
    expect((await fetch(`${bff.url}/health/ready`)).status).toBe(200);
    await Promise.all([redis.stop(), sentinel.stop()]);
    // Let the clients notice and start reconnecting (to sentinels that are gone).
    const deadline = Date.now() + 15_000;
    while (Date.now() < deadline && (await fetch(`${bff.url}/health/ready`)).status !== 503) await new Promise((r) => setTimeout(r, 200));
    expect((await fetch(`${bff.url}/health/ready`)).status).toBe(503);

    let signalledAt = 0;
    const exited = exitOf(bff, () => signalledAt);
    signalledAt = Date.now();
    bff.child.kill('SIGTERM');
    const { code, afterMs } = await exited;
    expect(afterMs).toBeLessThan(GRACE_MS);
    expect(code).toBe(0);
  }, 60_000);
});
