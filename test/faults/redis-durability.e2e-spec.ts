import { afterEach, describe, expect, it } from '@jest/globals';
import { readFileSync } from 'node:fs';
import { parse } from 'yaml';
import { byBearer, byCookie, startSessionsApp, type SessionsTestApp } from '../sessions/sessions-support.js';
import { StoppableRedis } from '../support/redis-server-process.js';

/** The Redis options docker-compose.yml runs with (everything after `redis-server`). */
function composeRedisArgs(): string[] {
  const compose = parse(readFileSync(new URL('../../docker-compose.yml', import.meta.url), 'utf8')) as { services: { redis: { command: string[] } } };
  const [binary, ...args] = compose.services.redis.command;
  expect(binary).toBe('redis-server');
  return args;
}

/**
 * Item 10: a Redis restart signed everyone out, 90-day native sessions included, because
 * compose ran Redis without persistence. Each case restarts a Redis of its own the way an
 * orchestrator does (SIGTERM, start again on the same data directory).
 */
describe('fault: Redis restart and session durability', () => {
  let redis: StoppableRedis | undefined;
  let app: SessionsTestApp | undefined;

  afterEach(async () => {
    await app?.close();
    await redis?.dispose();
  });

  async function statusesAfterRestart(extraArgs: string[]): Promise<number[]> {
    redis = await new StoppableRedis({ extraArgs }).start();
    app = await startSessionsApp({ REDIS_URL: redis.url });
    const web = await app.signIn();
    const native = await app.signIn({ kind: 'native' });
    const ask = () => Promise.all([fetch(`${app!.url}/v1/sessions`, { headers: byCookie(web.token) }), fetch(`${app!.url}/v1/sessions`, { headers: byBearer(native.token) })]);
    expect((await ask()).map((r) => r.status)).toEqual([200, 200]);
    await redis.stop({ graceful: true });
    await redis.start();
    // The app reconnects by itself; until it has, answers are 503 (never 401 or anonymous).
    const deadline = Date.now() + 15_000;
    let statuses = [503, 503];
    while (Date.now() < deadline && statuses.includes(503)) {
      statuses = (await ask()).map((r) => r.status);
      if (statuses.includes(503)) await new Promise((resolve) => setTimeout(resolve, 200));
    }
    return statuses;
  }

  it('without persistence a restart signs everyone out (why compose must not run Redis that way)', async () => {
    expect(await statusesAfterRestart(['--save', '', '--appendonly', 'no'])).toEqual([401, 401]);
  }, 60_000);

  it('with the persistence docker-compose.yml configures (AOF), web and native sessions survive a restart', async () => {
    expect(await statusesAfterRestart(composeRedisArgs())).toEqual([200, 200]);
  }, 60_000);
});
