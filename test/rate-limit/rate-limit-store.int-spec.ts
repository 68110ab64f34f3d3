import { afterAll, afterEach, beforeAll, describe, expect, it } from '@jest/globals';
import { Logger } from '@nestjs/common';
import { DependencyUnavailableError } from '../../src/common/errors/domain-error.js';
import type { AppConfig } from '../../src/config/app-config.js';
import { MemoryKvStore } from '../../src/redis/memory-kv-store.js';
import { openKvStore } from '../../src/redis/open-kv-store.js';
import type { KvStore } from '../../src/redis/kv-store.port.js';
import { RateLimits } from '../../src/rate-limit/rate-limits.service.js';
import { relayLeaseSize, SessionRelayRateLimit } from '../../src/relay/relay-rate-limit.js';
import type { SessionRecord } from '../../src/sessions/session.types.js';
import { integrationConfig } from '../support/test-config.js';
import { StoppableRedis } from '../support/redis-server-process.js';

// Hour-long windows: no count in these tests can expire while it runs, however slow the machine.
const QUOTAS = { RATE_LIMIT_LOGIN: '3/3600', RATE_LIMIT_RELAY: '5/3600' };
const headers = () => {
  const set: Record<string, string> = {};
  return { set, sink: { setHeader: (name: string, value: string) => (set[name] = value) } };
};

async function outcomes(limits: RateLimits, key: string, n: number): Promise<string[]> {
  const results: string[] = [];
  for (let i = 0; i < n; i++) {
    results.push(
      await limits.enforce('login', key, headers().sink).then(
        () => 'ok',
        (e: { status?: number }) => String(e.status ?? e),
      ),
    );
  }
  return results;
}

/** Rate-limit counters on a real Redis of the suite's own (it is stopped on purpose), and in process memory. */
describe('rate limits: shared store, outages, embedded mode', () => {
  const redis = new StoppableRedis();
  const stores: KvStore[] = [];

  async function instance(overrides: Record<string, string> = {}, shareWith?: AppConfig): Promise<{ limits: RateLimits; config: AppConfig }> {
    const config = integrationConfig({ REDIS_URL: redis.url, ...QUOTAS, ...overrides, ...(shareWith ? { REDIS_KEY_PREFIX: shareWith.redis.keyPrefix } : {}) });
    const kv = await openKvStore(config.redis, new Logger('test'));
    stores.push(kv);
    return { limits: new RateLimits(config, kv), config };
  }

  beforeAll(async () => {
    await redis.start();
  });
  afterEach(async () => {
    await redis.start();
  });
  afterAll(async () => {
    await Promise.all(stores.map((s) => s.close()));
    await redis.dispose();
  });

  it('counts per key across instances: the quota holds fleet-wide, with the IETF headers on every answer', async () => {
    const a = await instance();
    const b = await instance({}, a.config);
    const first = headers();
    await a.limits.enforce('login', '198.51.100.7', first.sink);
    expect(first.set).toEqual({ 'RateLimit-Policy': '"login";q=3;w=3600', RateLimit: expect.stringMatching(/^"login";r=2;t=(3600|3599)$/) });
    expect(await outcomes(b.limits, '198.51.100.7', 3)).toEqual(['ok', 'ok', '429']);
    expect(await outcomes(a.limits, '198.51.100.7', 1)).toEqual(['429']);
    // Another address has its own count.
    expect(await outcomes(a.limits, '198.51.100.8', 1)).toEqual(['ok']);
  });

  it('a refusal is a 429 too_many_requests problem with Retry-After and the RateLimit fields', async () => {
    const { limits } = await instance();
    await outcomes(limits, '203.0.113.1', 3);
    const refused = await limits.enforce('login', '203.0.113.1', headers().sink).catch((e: unknown) => e);
    expect(refused).toMatchObject({ status: 429, code: 'too_many_requests', extra: { policy: 'login' } });
    const { headers: h } = refused as { headers: Record<string, string> };
    expect(Number(h['Retry-After'])).toBeGreaterThan(3500);
    expect(h['RateLimit-Policy']).toBe('"login";q=3;w=3600');
    expect(h.RateLimit).toMatch(/^"login";r=0;t=\d+$/);
  });

  it('Redis down, RATE_LIMIT_ON_STORE_FAILURE=local (default): keeps limiting with this instance\'s own counters, then shares again after recovery', async () => {
    const { limits } = await instance();
    await redis.stop();
    expect(await outcomes(limits, '192.0.2.10', 4)).toEqual(['ok', 'ok', 'ok', '429']);
    await redis.start();
    const deadline = Date.now() + 15_000;
    let answer = '';
    // ioredis reconnects in the background; the next counts go to Redis (a fresh key there).
    while (Date.now() < deadline && answer !== 'ok') answer = (await outcomes(limits, '192.0.2.11', 1))[0];
    expect(answer).toBe('ok');
  }, 30_000);

  it('Redis down, RATE_LIMIT_ON_STORE_FAILURE=closed: 503 dependency_unavailable naming redis', async () => {
    const { limits } = await instance({ RATE_LIMIT_ON_STORE_FAILURE: 'closed' });
    await redis.stop();
    const refused = await limits.enforce('login', '192.0.2.20', headers().sink).catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(DependencyUnavailableError);
    expect(refused).toMatchObject({ status: 503, extra: { dependency: 'redis' } });
  });

  it('embedded mode (in-process store) limits too', async () => {
    const config = integrationConfig(QUOTAS);
    const limits = new RateLimits(config, new MemoryKvStore());
    expect(await outcomes(limits, '192.0.2.30', 4)).toEqual(['ok', 'ok', 'ok', '429']);
  });

  it('RATE_LIMIT_ENABLED=false counts nothing', async () => {
    const { limits } = await instance({ RATE_LIMIT_ENABLED: 'false' });
    expect(await outcomes(limits, '192.0.2.40', 5)).toEqual(['ok', 'ok', 'ok', 'ok', 'ok']);
  });
  it('the relay leases its quota per instance: never more than the quota fleet-wide, and refusals are the 429 problem', async () => {
    // 400/3600 leases 4 calls at a time; two instances take turns.
    const a = await instance({ RATE_LIMIT_RELAY: '400/3600' });
    const b = await instance({ RATE_LIMIT_RELAY: '400/3600' }, a.config);
    expect(relayLeaseSize(400)).toBe(4);
    const relayA = new SessionRelayRateLimit(a.limits);
    const relayB = new SessionRelayRateLimit(b.limits);
    const session = { id: 'relay-lease-session' } as SessionRecord;
    const admitted = async (limit: SessionRelayRateLimit) =>
      Promise.resolve(limit.admit(session)).then(
        () => true,
        (e: { status?: number }) => {
          expect(e.status).toBe(429);
          return false;
        },
      );
    let allowed = 0;
    for (let i = 0; i < 200; i++) if (await admitted(relayA)) allowed++;
    // Concurrent calls on one instance share renewals and still count each call once.
    const burst = await Promise.all(Array.from({ length: 250 }, (_, i) => admitted(i % 2 ? relayA : relayB)));
    allowed += burst.filter(Boolean).length;
    expect(allowed).toBeLessThanOrEqual(400);
    // At most one unspent lease per other instance is lost: (2 − 1) × 4.
    expect(allowed).toBeGreaterThanOrEqual(396);
    expect(await admitted(relayA)).toBe(false);
    expect(await admitted(relayB)).toBe(false);
  });

  it('a relay quota under 200 per window counts every call in the shared store, as before', async () => {
    const a = await instance({ RATE_LIMIT_RELAY: '5/3600' });
    const b = await instance({ RATE_LIMIT_RELAY: '5/3600' }, a.config);
    const session = { id: 'relay-exact-session' } as SessionRecord;
    const results: string[] = [];
    for (const limit of [a, b, a, b, a, b].map((x) => new SessionRelayRateLimit(x.limits))) {
      results.push(await Promise.resolve(limit.admit(session)).then(() => 'ok', (e: { status?: number }) => String(e.status)));
    }
    expect(results).toEqual(['ok', 'ok', 'ok', 'ok', 'ok', '429']);
  });
});
