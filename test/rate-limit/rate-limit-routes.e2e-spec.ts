import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { Redis } from 'ioredis';
import { startLoginStack, type LoginStack } from '../support/login-stack.js';
import { TEST_REDIS_URL } from '../support/test-env.js';
import { json, login, relay, type Session } from '../relay/relay-support.js';

// Hour-long windows: no count can expire while the suite runs, however slow the machine.
const LIMITS = {
  RATE_LIMIT_LOGIN: '10/3600',
  RATE_LIMIT_TOKEN_EXCHANGE: '2/3600',
  RATE_LIMIT_GRANTS: '2/3600',
  RATE_LIMIT_RELAY: '3/3600',
  RATE_LIMIT_MANAGEMENT: '2/3600',
};

interface Problem {
  code: string;
  status: number;
  retryAfterSeconds: number;
}

/** Per-IP and per-session limits on the real routes (item 11 and "Also build: rate limiting"). */
describe('rate limits on the routes', () => {
  let stack: LoginStack;
  let redis: Redis;

  beforeAll(async () => {
    // TRUST_PROXY lets each test speak from its own client address via X-Forwarded-For.
    stack = await startLoginStack({ ...LIMITS, TRUST_PROXY: 'true', LOG_LEVEL: 'error' });
    redis = new Redis(TEST_REDIS_URL);
  }, 60_000);
  afterAll(async () => {
    redis.disconnect();
    await stack.close();
  });

  const from = (ip: string, extra: Record<string, string> = {}) => ({ 'x-forwarded-for': ip, ...extra });
  const loginTransactions = async () => (await redis.keys(`${stack.bff.config.redis.keyPrefix}login-tx:*`)).length;

  function expectLimited(res: Response, policy: string, quota: string): void {
    expect(res.status).toBe(429);
    expect(res.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    expect(Number(res.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(res.headers.get('ratelimit-policy')).toBe(`"${policy}";${quota}`);
    expect(res.headers.get('ratelimit')).toMatch(new RegExp(`^"${policy}";r=0;t=\\d+$`));
  }

  it('anonymous login starts from one address: the quota answers 302, the rest 429, and refused starts store nothing', async () => {
    const before = await loginTransactions();
    const answers = await Promise.all(
      Array.from({ length: 25 }, () => fetch(`${stack.bff.url}/v1/auth/bluejeans/login`, { redirect: 'manual', headers: from('198.51.100.1') })),
    );
    const statuses = answers.map((r) => r.status).sort();
    expect(statuses).toEqual([...Array<number>(10).fill(302), ...Array<number>(15).fill(429)]);
    expect((await loginTransactions()) - before).toBe(10);
    const refused = answers.find((r) => r.status === 429)!;
    expectLimited(refused, 'login', 'q=10;w=3600');
    expect((await refused.json()) as Problem).toMatchObject({ code: 'too_many_requests', status: 429 });
    const allowed = answers.find((r) => r.status === 302)!;
    expect(allowed.headers.get('ratelimit-policy')).toBe('"login";q=10;w=3600');
    // The callback is in the same class; another address is not affected.
    expectLimited(await fetch(`${stack.bff.url}/v1/auth/bluejeans/callback?code=x&state=y`, { redirect: 'manual', headers: from('198.51.100.1') }), 'login', 'q=10;w=3600');
    expect((await fetch(`${stack.bff.url}/v1/auth/bluejeans/login`, { redirect: 'manual', headers: from('198.51.100.2') })).status).toBe(302);
  });

  it('IPv6 clients count per /64', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 11; i++) {
      const res = await fetch(`${stack.bff.url}/v1/auth/bluejeans/login`, { redirect: 'manual', headers: from(`2001:db8:aa:bb::${i + 1}`) });
      statuses.push(res.status);
    }
    expect(statuses).toEqual([...Array<number>(10).fill(302), 429]);
  });

  it('native token exchange, meeting and password grants: per address, counted even when the attempt is refused', async () => {
    const post = (path: string, body: unknown) =>
      fetch(`${stack.bff.url}${path}`, {
        method: 'POST',
        headers: from('198.51.100.3', { 'content-type': 'application/json', 'x-csrf': '1', origin: stack.bff.config.http.publicUrl }),
        body: JSON.stringify(body),
      });
    const exchange = [];
    for (let i = 0; i < 3; i++) exchange.push(await post('/v1/auth/native/token', { code: 'not-a-code', codeVerifier: 'x'.repeat(43) }));
    expect(exchange.map((r) => r.status)).toEqual([400, 400, 429]);
    expectLimited(exchange[2], 'token-exchange', 'q=2;w=3600');
    const grants = [];
    grants.push(await post('/v1/auth/bluejeans/meeting', { meetingId: '1', passcode: '1' }));
    grants.push(await post('/v1/auth/bluejeans/password', { username: 'a', password: 'b' }));
    grants.push(await post('/v1/auth/bluejeans/meeting', { meetingId: '1', passcode: '1' }));
    expect(grants[2].status).toBe(429);
    expect(grants.slice(0, 2).every((r) => r.status !== 429 && r.status < 500)).toBe(true);
    expectLimited(grants[2], 'grants', 'q=2;w=3600');
  });

  describe('per session', () => {
    let alice: Session;
    let bob: Session;

    beforeAll(async () => {
      alice = await login(stack, 'bluejeans');
      bob = await login(stack, 'bluejeans', { username: 'bob', password: 'bob-password' });
    }, 60_000);

    it('the relay: the session quota, then 429 with the IETF headers; another session is not affected', async () => {
      const path = () => `bluejeans/v1/user/${alice.subject}`;
      const answers = [];
      for (let i = 0; i < 4; i++) answers.push(await relay(stack, alice, 'GET', path()));
      expect(answers.map((r) => r.status)).toEqual([200, 200, 200, 429]);
      // Relayed answers carry the provider's rate-limit headers, not ours; our refusal carries ours.
      expect(answers[0].headers['ratelimit-policy']).toBeUndefined();
      const limited = answers[3];
      expect(limited.headers['ratelimit-policy']).toBe('"relay";q=3;w=3600');
      expect(limited.headers.ratelimit).toMatch(/^"relay";r=0;t=\d+$/);
      expect(limited.headers['content-type']).toMatch(/^application\/problem\+json/);
      expect(Number(limited.headers['retry-after'])).toBeGreaterThan(0);
      expect(json<Problem>(limited)).toMatchObject({ code: 'too_many_requests', status: 429 });
      expect((await relay(stack, bob, 'GET', `bluejeans/v1/user/${bob.subject}`)).status).toBe(200);
    });

    it('management routes: per session', async () => {
      const statuses: number[] = [];
      for (let i = 0; i < 3; i++) statuses.push((await fetch(`${stack.bff.url}/v1/sessions`, { headers: { cookie: bob.cookie } })).status);
      expect(statuses).toEqual([200, 200, 429]);
    });
  });
});
