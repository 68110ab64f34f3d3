import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { UsageMeter } from '../../src/usage/metering/usage-meter.js';
import { startBffProcess, type BffProcess } from '../support/bff-process.js';
import { startLoginStack, type LoginStack } from '../support/login-stack.js';
import { ALICE, json, login, rawRequest, type Session } from '../relay/relay-support.js';

const OPS = { username: 'ops', password: 'ops-password' };

interface Row {
  date: string;
  templateUri?: string;
  httpMethod?: string;
  userId?: string;
  status200: number;
  status300: number;
  status400: number;
  status500: number;
  status429: number;
  requests: number;
}

/**
 * A known mix of relayed calls (upstream 200s, upstream 403s, allowlist refusals)
 * through two BFF instances (this process and a child process) on one Postgres:
 * exactly those counts come back from /v1/usage/local, from the raw events and
 * from the daily roll-up. The child's events reach the table through its
 * shutdown flush.
 */
describe('metering: a known mix through two instances', () => {
  let stack: LoginStack;
  let other: BffProcess;
  let alice: Session;
  let ops: Session;

  beforeAll(async () => {
    stack = await startLoginStack({ OPS_SUBJECTS: 'bluejeans:1003', USAGE_FLUSH_INTERVAL_MS: '60000' });
    other = await startBffProcess({ ...stack.instanceEnv, OPS_SUBJECTS: 'bluejeans:1003', USAGE_FLUSH_INTERVAL_MS: '60000' });
    alice = await login(stack, 'bluejeans', ALICE);
    ops = await login(stack, 'bluejeans', OPS);
  }, 90_000);
  afterAll(async () => {
    await other?.stop();
    await stack?.close();
  });

  const call = (base: string, path: string) => rawRequest(base, 'GET', `/v1/api/bluejeans${path}`, { cookie: alice.cookie });
  const local = async (session: Session, query: string, path = '/v1/usage/local') => {
    const res = await rawRequest(stack.bff.url, 'GET', `${path}?${query}`, { cookie: session.cookie });
    expect(res.status).toBe(200);
    return json<{ results: Row[]; queryStatus: string }>(res);
  };

  it('counts every call once, by route template and status class', async () => {
    const mix = [
      { base: stack.bff.url, path: '/v1/user/1001', times: 3, status: 200 },
      { base: stack.bff.url, path: '/v1/user/1002', times: 2, status: 403 },
      { base: stack.bff.url, path: '/v1/user/1001/not-on-the-list', times: 1, status: 404 },
      { base: other.url, path: '/v1/user/1001', times: 2, status: 200 },
      { base: other.url, path: '/v1/user/1002', times: 1, status: 403 },
      { base: other.url, path: '/v1/user/1001/not-on-the-list', times: 2, status: 404 },
    ];
    const from = new Date(Date.now() - 60_000).toISOString();
    for (const step of mix) {
      for (let i = 0; i < step.times; i++) expect((await call(step.base, step.path)).status).toBe(step.status);
    }
    const to = new Date(Date.now() + 60_000).toISOString();
    await stack.bff.app.get(UsageMeter).flush();
    await other.stop(); // SIGTERM: the child flushes its buffer on shutdown

    const byRoute = await local(ops, `from=${from}&to=${to}&groupBy=TemplateUri,HttpMethod&provider=bluejeans`);
    expect(byRoute.queryStatus).toBe('Complete');
    const today = new Date().toISOString().slice(0, 10);
    expect(byRoute.results).toEqual([
      { date: `${today}T00:00:00.000Z`, templateUri: '(not allowlisted)', httpMethod: 'GET', status200: 0, status300: 0, status400: 3, status500: 0, status429: 0, requests: 3 },
      { date: `${today}T00:00:00.000Z`, templateUri: '/v1/user/{user_id}', httpMethod: 'GET', status200: 5, status300: 0, status400: 3, status500: 0, status429: 0, requests: 8 },
    ]);

    // Whole UTC days read the roll-up the flushes upserted: the same counts.
    const tomorrow = new Date(Date.parse(today) + 86_400_000).toISOString().slice(0, 10);
    const rolledUp = await local(ops, `from=${today}T00:00:00Z&to=${tomorrow}T00:00:00Z&groupBy=TemplateUri`);
    expect(rolledUp.results.map((r) => [r.templateUri, r.status200, r.status400, r.requests])).toEqual([
      ['(not allowlisted)', 0, 3, 3],
      ['/v1/user/{user_id}', 5, 3, 8],
    ]);

    // The caller's own view, and the per-user grouping, see the same 11 calls of alice only.
    const mine = await local(alice, `from=${from}&to=${to}`, '/v1/usage/local/me');
    expect(mine.results.map((r) => r.requests)).toEqual([11]);
    const opsOwn = await local(ops, `from=${from}&to=${to}`, '/v1/usage/local/me');
    expect(opsOwn.results).toEqual([]);
    const perUser = await local(ops, `from=${from}&to=${to}&groupBy=UserId`);
    expect(perUser.results).toHaveLength(1);
    expect(perUser.results[0]!.requests).toBe(11);

    // Prometheus counters beside the table (this instance's share).
    const metrics = await (await fetch(`${stack.bff.url}/metrics`)).text();
    expect(metrics).toContain('usage_relay_calls_total{provider="bluejeans",route="/v1/user/{user_id}",status_class="2xx"} 3');
    expect(metrics).toContain('usage_relay_calls_total{provider="bluejeans",route="/v1/user/{user_id}",status_class="4xx"} 2');
    expect(metrics).toContain('usage_relay_calls_total{provider="bluejeans",route="(not allowlisted)",status_class="4xx"} 1');
  }, 60_000);

  it('keeps /v1/usage/local to ops and refuses bad filters with a problem', async () => {
    const forbidden = await rawRequest(stack.bff.url, 'GET', '/v1/usage/local', { cookie: alice.cookie });
    expect(forbidden.status).toBe(403);
    for (const query of ['from=2026-02-01T00:00:00Z&to=2026-01-01T00:00:00Z', 'from=2020-01-01T00:00:00Z&to=2026-01-01T00:00:00Z', 'groupBy=Nope', 'statusClass=6xx', 'granularity=Hour', 'from=yesterday', 'unknown=1']) {
      const res = await rawRequest(stack.bff.url, 'GET', `/v1/usage/local?${query}`, { cookie: ops.cookie });
      expect([query, res.status, String(res.headers['content-type']).split(';')[0], json(res).code]).toEqual([query, 400, 'application/problem+json', 'validation_failed']);
    }
    const someoneElse = await rawRequest(stack.bff.url, 'GET', '/v1/usage/local/me?userId=0c0ffee0-0000-4000-8000-000000000001', { cookie: alice.cookie });
    expect(json(someoneElse).code).toBe('validation_failed');
  });
});
