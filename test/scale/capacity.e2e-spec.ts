import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { freePort } from '../support/free-port.js';
import { startLoginStack, type LoginStack } from '../support/login-stack.js';
import { nodeCommand, sleep, startRedisServer, type RedisServerProcess } from '../support/redis-server-process.js';
import { login, BOB, type Session } from '../relay/relay-support.js';

/**
 * The measurements behind docs/scaling.md's capacity model: Redis commands (INFO
 * commandstats on a private redis-server, reset before each step), Redis bytes
 * (MEMORY USAGE) and Postgres statements (counted at the pg client) per login,
 * relayed call, refresh and logout. The bounds are the measured numbers, so a
 * change that makes a hot path chattier fails here and the model gets updated.
 */
interface Cost {
  redis: Record<string, number>;
  redisTotal: number;
  postgres: number;
}

let statements = 0;
const originalQuery = pg.Client.prototype.query;

describe('capacity model measurements', () => {
  let dir: string;
  let redis: RedisServerProcess;
  let stack: LoginStack;
  const costs: Record<string, Cost> = {};

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'bff-capacity-'));
    redis = await startRedisServer(dir, await freePort());
    pg.Client.prototype.query = function (this: pg.Client, ...args: unknown[]) {
      statements++;
      return (originalQuery as (...a: unknown[]) => unknown).apply(this, args);
    } as typeof pg.Client.prototype.query;
    // A 5 s token-cache age (default 300 s) so the cold-cache row read can be measured below.
    stack = await startLoginStack({ REDIS_URL: `redis://127.0.0.1:${redis.port}`, TOKEN_REFRESH_SKEW_SECONDS: '0', TOKEN_CACHE_MAX_AGE_SECONDS: '5' });
  }, 120_000);
  afterAll(async () => {
    pg.Client.prototype.query = originalQuery;
    await stack?.close();
    await redis?.kill();
    rmSync(dir, { recursive: true, force: true });
    console.info(`capacity measurements (per operation):\n${JSON.stringify(costs, null, 1)}`);
  });

  async function measure(name: string, times: number, operation: () => Promise<unknown>): Promise<Cost> {
    await nodeCommand(redis.port, 'CONFIG', 'RESETSTAT');
    const before = statements;
    for (let i = 0; i < times; i++) await operation();
    const info = String(await nodeCommand(redis.port, 'INFO', 'commandstats'));
    const redisCounts: Record<string, number> = {};
    for (const [, command, calls] of info.matchAll(/^cmdstat_([\w|]+):calls=(\d+)/gm)) {
      if (command.startsWith('config') || command === 'info') continue;
      redisCounts[command] = Number(calls) / times;
    }
    const cost = { redis: redisCounts, redisTotal: Object.values(redisCounts).reduce((a, b) => a + b, 0), postgres: (statements - before) / times };
    costs[name] = cost;
    return cost;
  }

  const relayed = (session: Session) => async () => {
    const res = await fetch(`${stack.bff.url}/v1/api/bluejeans/v1/user/${session.subject}/scheduled_meeting`, { headers: { cookie: session.cookie } });
    await res.arrayBuffer();
    if (res.status !== 200) throw new Error(`relayed call answered ${res.status}`);
  };

  it('measures login, relayed calls (hot and cold token cache), refresh, logout and the bytes a session keeps', async () => {
    stack.sandbox.setLifetimes('bluejeans', { accessTokenSeconds: 3 });
    let session!: Session;
    const loginCost = await measure('login (browser, code flow, first user)', 1, async () => {
      session = await login(stack, 'bluejeans', BOB);
    });
    expect(statements).toBeGreaterThan(0);
    expect(loginCost.redisTotal).toBeLessThanOrEqual(20);

    // The token expires: the next call refreshes (one upstream refresh, lock, row update).
    await sleep(4_000);
    stack.sandbox.setLifetimes('bluejeans', { accessTokenSeconds: 3_600 });
    const refreshCost = await measure('relayed call that refreshes the token', 1, relayed(session));
    expect(refreshCost.redis.set).toBeGreaterThanOrEqual(1); // the refresh lock (SET NX PX)
    expect(refreshCost.redisTotal).toBeLessThanOrEqual(12);

    const hot = await measure('relayed call, token in the hot cache', 50, relayed(session));
    expect(hot.postgres).toBeLessThanOrEqual(1);
    // The session GET plus the per-session relay rate limit's counter (one MULTI round trip).
    expect(hot.redisTotal).toBeLessThanOrEqual(5);

    // The hot token cache keeps a decrypted token for TOKEN_CACHE_MAX_AGE_SECONDS (5 s here); after that a call reads the row again.
    await sleep(5_500);
    const cold = await measure('relayed call, hot cache expired (row read)', 1, relayed(session));
    expect(cold.postgres).toBeGreaterThanOrEqual(1);
    expect(cold.redisTotal).toBeLessThanOrEqual(6);

    const keys = (await nodeCommand(redis.port, 'KEYS', `${stack.bff.config.redis.keyPrefix}*`)) as string[];
    const bytes: Record<string, number> = {};
    for (const key of keys) bytes[key.slice(stack.bff.config.redis.keyPrefix.length).replace(/:[^:]+$/, ':…')] = Number(await nodeCommand(redis.port, 'MEMORY', 'USAGE', key));
    costs['redis bytes per key kind (MEMORY USAGE)'] = { redis: bytes, redisTotal: Object.values(bytes).reduce((a, b) => a + b, 0), postgres: 0 };
    expect(bytes['sess:…']).toBeGreaterThan(0);
    expect(bytes['sess:…']).toBeLessThan(2_048);

    const logoutCost = await measure('logout', 1, async () => {
      const res = await fetch(`${stack.bff.url}/v1/auth/logout`, { method: 'POST', headers: { cookie: session.cookie, 'x-csrf': '1', origin: stack.bff.config.http.publicUrl } });
      expect(res.status).toBe(204);
    });
    expect(logoutCost.redisTotal).toBeLessThanOrEqual(12);
  }, 90_000);
});
