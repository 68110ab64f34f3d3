import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { createHash } from 'node:crypto';
import { Redis } from 'ioredis';
import { TEST_REDIS_URL } from '../support/test-env.js';
import { startTestApp } from '../support/test-app.js';
import { TcpProxy } from '../support/tcp-proxy.js';
import { APP_ORIGIN, byBearer, byCookie, byCookieWrite, expectProblem, startSessionsApp, type SessionsTestApp } from './sessions-support.js';

describe('sessions in real Redis', () => {
  let test: SessionsTestApp;
  let redis: Redis;
  const target = new URL(TEST_REDIS_URL);
  const proxy = new TcpProxy(target.hostname, Number(target.port || 6379));

  beforeAll(async () => {
    const port = await proxy.start();
    test = await startSessionsApp({ REDIS_URL: `redis://127.0.0.1:${port}` });
    redis = new Redis(TEST_REDIS_URL);
  });
  afterAll(async () => {
    redis.disconnect();
    await test.close();
    await proxy.stop();
  });

  async function dump(): Promise<{ keys: string[]; contents: string[] }> {
    const keys: string[] = [];
    let cursor = '0';
    do {
      const [next, batch] = await redis.scan(cursor, 'MATCH', `${test.config.redis.keyPrefix}*`, 'COUNT', 500);
      keys.push(...batch);
      cursor = next;
    } while (cursor !== '0');
    const contents = await Promise.all(
      keys.map(async (key) => ((await redis.type(key)) === 'zset' ? (await redis.zrange(key, 0, -1)).join(' ') : ((await redis.get(key)) ?? ''))),
    );
    return { keys, contents };
  }

  it('a Redis dump holds the token hash with TTLs, never the raw token', async () => {
    const web = await test.signIn();
    const native = await test.signIn({ userId: web.userId, kind: 'native' });
    // An update rewrites the record through the same path a sliding write takes.
    await test.sessions.update(native.token, { providers: ['sandbox', 'calcom'] });
    expect((await fetch(`${test.url}/v1/sessions`, { headers: byCookie(web.token) })).status).toBe(200);

    const prefix = test.config.redis.keyPrefix;
    const { keys, contents } = await dump();
    const hash = createHash('sha256').update(web.token).digest('hex');
    expect(keys).toEqual(expect.arrayContaining([`${prefix}sess:${hash}`, `${prefix}user-sessions:${web.userId}`]));
    for (const token of [web.token, native.token]) {
      expect(keys.filter((k) => k.includes(token))).toEqual([]);
      expect(contents.filter((c) => c.includes(token))).toEqual([]);
    }
    const ttl = await redis.pttl(`${prefix}sess:${hash}`);
    expect(ttl).toBeGreaterThan(0);
    expect(ttl).toBeLessThanOrEqual(test.config.sessions.idleSeconds * 1000);
    expect(await redis.pttl(`${prefix}user-sessions:${web.userId}`)).toBeGreaterThan(0);
  });

  it('a session made on one instance works on another, and a revocation on one is effective on the other at once', async () => {
    // Same Redis, prefix and schema: a second replica. Closed with app.close() so the shared schema stays.
    const second = await startTestApp({ APP_ORIGINS: APP_ORIGIN, REDIS_URL: TEST_REDIS_URL, REDIS_KEY_PREFIX: test.config.redis.keyPrefix, DATABASE_SCHEMA: test.config.database.schema });
    try {
      const me = await test.signIn();
      const other = await test.signIn({ userId: me.userId });
      expect((await fetch(`${second.url}/v1/sessions`, { headers: byCookie(me.token) })).status).toBe(200);
      const res = await fetch(`${second.url}/v1/sessions/${other.id}`, { method: 'DELETE', headers: byCookieWrite(me.token) });
      expect(res.status).toBe(204);
      await expectProblem(await fetch(`${test.url}/v1/sessions`, { headers: byCookie(other.token) }), 401, 'unauthenticated');
    } finally {
      await second.app.close();
    }
  });

  it('Redis down -> 503 dependency_unavailable for cookie and bearer, never 401 or anonymous; recovers by itself', async () => {
    const web = await test.signIn();
    const native = await test.signIn({ kind: 'native' });
    await proxy.stop();
    try {
      const byCookieRes = await fetch(`${test.url}/v1/sessions`, { headers: byCookie(web.token) });
      expect((await expectProblem(byCookieRes, 503, 'dependency_unavailable')).dependency).toBe('redis');
      expect(byCookieRes.headers.get('retry-after')).not.toBeNull();
      await expectProblem(await fetch(`${test.url}/v1/sessions`, { headers: byBearer(native.token) }), 503, 'dependency_unavailable');
      // Liveness carries no cookie and never touches Redis.
      expect((await fetch(`${test.url}/health/live`)).status).toBe(200);
    } finally {
      await proxy.start();
    }
    const deadline = Date.now() + 15_000;
    let status = 0;
    while (Date.now() < deadline && status !== 200) {
      status = (await fetch(`${test.url}/v1/sessions`, { headers: byCookie(web.token) })).status;
      if (status !== 200) await new Promise((resolve) => setTimeout(resolve, 200));
    }
    expect(status).toBe(200);
  }, 40_000);
});
