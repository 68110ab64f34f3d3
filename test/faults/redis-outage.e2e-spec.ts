import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { byBearer, byCookie, startSessionsApp, type SessionsTestApp } from '../sessions/sessions-support.js';
import { StoppableRedis } from '../support/redis-server-process.js';

interface Sample {
  kind: string;
  status: number;
  code?: string;
  dependency?: string;
  retryAfter: string | null;
}

const WORKERS = 8;
// Bounded by count, not by time, so a slow machine does the same work, only slower.
const ROUNDS_PER_PHASE = 15;

/**
 * Redis killed (SIGKILL) under concurrent load, then started again: every answer that needs
 * Redis is 503 dependency_unavailable naming redis with Retry-After (never a 500, never a 401
 * or an anonymous answer for a valid credential), what does not need Redis keeps working, and
 * the same process serves everything again once Redis is back.
 */
describe('fault: Redis outage under concurrent load', () => {
  // fsync on every write: the sessions must outlive the SIGKILL, this suite is about the outage, not durability.
  const redis = new StoppableRedis({ extraArgs: ['--appendonly', 'yes', '--appendfsync', 'always'] });
  let app: SessionsTestApp;
  let web: { token: string };
  let native: { token: string };

  beforeAll(async () => {
    await redis.start();
    // The production login quota, so the rate limiter is part of the picture during the outage.
    app = await startSessionsApp({ REDIS_URL: redis.url, RATE_LIMIT_LOGIN: '120/3600' });
    web = await app.signIn();
    native = await app.signIn({ kind: 'native' });
  }, 60_000);
  afterAll(async () => {
    await app?.close();
    await redis.dispose();
  });

  const requests: Record<string, () => Promise<Response>> = {
    'sessions by cookie': () => fetch(`${app.url}/v1/sessions`, { headers: byCookie(web.token) }),
    'sessions by bearer': () => fetch(`${app.url}/v1/sessions`, { headers: byBearer(native.token) }),
    'login start': () => fetch(`${app.url}/v1/auth/bluejeans/login`, { redirect: 'manual' }),
    'providers (no Redis needed)': () => fetch(`${app.url}/v1/auth/providers`),
  };

  async function load(): Promise<Sample[]> {
    const samples: Sample[] = [];
    const kinds = Object.keys(requests);
    await Promise.all(
      Array.from({ length: WORKERS }, async (_, worker) => {
        for (let round = 0; round < ROUNDS_PER_PHASE; round++) {
          const kind = kinds[(worker + round) % kinds.length];
          const res = await requests[kind]();
          const body = res.headers.get('content-type')?.includes('json') ? ((await res.json()) as { code?: string; dependency?: string }) : (await res.arrayBuffer(), {});
          samples.push({ kind, status: res.status, code: body.code, dependency: body.dependency, retryAfter: res.headers.get('retry-after') });
        }
      }),
    );
    return samples;
  }

  const healthy: Record<string, number> = { 'sessions by cookie': 200, 'sessions by bearer': 200, 'login start': 302, 'providers (no Redis needed)': 200 };

  it('503 (not 500, not 401) while Redis is down; recovers without a restart', async () => {
    const before = await load();
    expect(before.filter((s) => s.status !== healthy[s.kind])).toEqual([]);

    await redis.stop();
    const during = await load();
    for (const sample of during) {
      if (sample.kind === 'providers (no Redis needed)') expect(sample.status).toBe(200);
      else expect(sample).toEqual({ kind: sample.kind, status: 503, code: 'dependency_unavailable', dependency: 'redis', retryAfter: expect.stringMatching(/^\d+$/) });
    }

    await redis.start();
    const deadline = Date.now() + 20_000;
    let after = await load();
    while (Date.now() < deadline && after.some((s) => s.status === 503)) after = await load();
    expect(after.filter((s) => s.status !== healthy[s.kind])).toEqual([]);
    expect(app.app.getHttpServer().listening).toBe(true);
  }, 90_000);
});
