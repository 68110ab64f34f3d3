import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { KvStore } from '../../src/redis/kv-store.port.js';
import { signIn, USERS, type Caller } from '../clients/clients-support.js';
import { startLoginStack, type LoginStack } from '../support/login-stack.js';

const BFF_CLIENT = '0c0ffee0-0000-4000-8000-000000000001';
const BASE = `/v1/usage/genesys/clients/${BFF_CLIENT}`;
const HOUR = 3_600_000;

/**
 * Genesys usage queries through the BFF against the sandbox, real Postgres and
 * Redis: Running -> Complete, cached reads that never reach the upstream (the
 * sandbox's call counters prove it), waitSeconds, summaries, ownership, and every
 * bad input answering a problem.
 */
describe('usage: Genesys upstream usage queries', () => {
  let stack: LoginStack;
  let ops: Caller;
  let alice: Caller;

  beforeAll(async () => {
    // A short upstream timeout for genesys so the timeout case answers quickly.
    stack = await startLoginStack({ LOG_LEVEL: 'error' }, { entries: { genesys: { timeoutMs: 3000 } } });
    ops = await signIn(stack, 'genesys', USERS.ops);
    alice = await signIn(stack, 'genesys', USERS.alice);
  }, 90_000);
  afterAll(async () => stack?.close());

  const upstreamCalls = () => (stack.sandbox.counterSnapshot() as Record<string, Record<string, Record<string, number>>>).genesys?.[BFF_CLIENT]?.api ?? 0;
  const interval = (hoursBack = 1) => `${new Date(Date.now() - hoursBack * HOUR).toISOString()}/${new Date(Date.now() + HOUR).toISOString()}`;
  const runningPolls = (n: number, fails = false) => stack.sandbox.setLifetimes('genesys', { usageQueryRunningPolls: n, usageQueryFails: fails });
  const start = async (caller = ops, body: unknown = { interval: interval(), groupBy: ['TemplateUri', 'HttpMethod'] }) => caller.call('POST', `${BASE}/query`, body);
  async function fault(spec: Record<string, unknown>): Promise<void> {
    const res = await fetch(`${stack.sandboxUrl}/_control/faults`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ provider: 'genesys', route: 'api', times: 1, ...spec }) });
    expect(res.status).toBe(201);
  }

  it('polls a query through Running to Complete, then serves it from the cache without calling the upstream', async () => {
    runningPolls(1);
    const started = await start();
    expect(started.status).toBe(202);
    const id = started.body.id as string;
    expect(started.body).toEqual({ id: expect.any(String), status: 'running', provider: 'genesys', clientId: BFF_CLIENT, kind: 'query', createdAt: expect.any(String), expiresAt: expect.any(String) });
    expect(started.headers.get('location')).toBe(`/v1/usage/genesys/queries/${id}`);
    expect(JSON.stringify(started.body)).not.toContain('executionId');

    const running = await ops.call('GET', started.headers.get('location')!);
    expect([running.status, running.headers.get('retry-after'), running.body.status]).toEqual([202, '2', 'running']);

    const complete = await ops.call('GET', `/v1/usage/genesys/queries/${id}`);
    expect(complete.status).toBe(200);
    expect(complete.body).toMatchObject({ queryStatus: 'Complete', cursors: { before: expect.any(String), after: expect.any(String) } });
    // The usage query itself was a call of the BFF's client: the results count it.
    expect(complete.body.results).toContainEqual(expect.objectContaining({ templateUri: expect.stringContaining('usage/query'), httpMethod: 'POST', requests: expect.any(Number) }));

    const before = upstreamCalls();
    const again = await ops.call('GET', `/v1/usage/genesys/queries/${id}`);
    expect(again.status).toBe(200);
    expect(again.body).toEqual(complete.body);
    expect(upstreamCalls()).toBe(before);
  });

  it('waits with waitSeconds, and a summary runs the same way', async () => {
    runningPolls(2);
    const started = await start();
    const before = upstreamCalls();
    const waited = await ops.call('GET', `/v1/usage/genesys/queries/${started.body.id as string}?waitSeconds=15`);
    expect([waited.status, waited.body.queryStatus]).toEqual([200, 'Complete']);
    expect(upstreamCalls() - before).toBe(3); // two Running polls and the Complete one

    runningPolls(1);
    const summary = await ops.call('GET', `${BASE}/summary?days=7`);
    expect([summary.status, summary.body.kind, summary.body.status]).toEqual([202, 'summary', 'running']);
    const summarised = await ops.call('GET', `${summary.headers.get('location')!}?waitSeconds=15`);
    expect([summarised.status, summarised.body.queryStatus]).toEqual([200, 'Complete']);
  });

  it('polls once across the fleet: while another instance holds the poll lock, no upstream call is made', async () => {
    runningPolls(5);
    const started = await start();
    const kv = stack.bff.app.get(KvStore);
    const lock = await kv.acquireLock(`usage:poll:${started.body.id as string}`, 60_000);
    const before = upstreamCalls();
    const busy = await ops.call('GET', `/v1/usage/genesys/queries/${started.body.id as string}`);
    expect([busy.status, busy.headers.get('retry-after')]).toEqual([202, '2']);
    expect(upstreamCalls()).toBe(before);
    await kv.releaseLock(`usage:poll:${started.body.id as string}`, lock!);
  });

  it('binds a query to its user: someone else, an unknown id and an expired one get problems', async () => {
    runningPolls(1);
    const started = await start();
    const id = started.body.id as string;
    const other = await alice.call('GET', `/v1/usage/genesys/queries/${id}`);
    expect([other.status, other.body.code]).toEqual([404, 'usage_query_not_found']);
    const unknown = await ops.call('GET', '/v1/usage/genesys/queries/7d1e3c1a-0000-4000-8000-000000000000');
    expect([unknown.status, unknown.body.code]).toEqual([404, 'usage_query_not_found']);
    const notUuid = await ops.call('GET', '/v1/usage/genesys/queries/nope');
    expect([notUuid.status, notUuid.body.code]).toEqual([400, 'validation_failed']);

    // Expire it by rewriting the stored expiry (no short TTLs in tests).
    const kv = stack.bff.app.get(KvStore);
    const stored = JSON.parse((await kv.get(`usage:query:${id}`))!) as { expiresAt: number };
    await kv.set(`usage:query:${id}`, JSON.stringify({ ...stored, expiresAt: Date.now() - 1 }), 60_000);
    const expired = await ops.call('GET', `/v1/usage/genesys/queries/${id}`);
    expect([expired.status, expired.body.code]).toEqual([410, 'usage_query_expired']);
  });

  it('refuses bad input with a problem before calling the upstream', async () => {
    const before = upstreamCalls();
    const end = new Date(Date.now() - 2 * HOUR).toISOString();
    const bodies: unknown[] = [
      { interval: `${new Date().toISOString()}/${end}` }, // ends before it starts
      { interval: `${new Date(Date.now() - 400 * 24 * HOUR).toISOString()}/${new Date().toISOString()}` }, // longer than allowed
      { interval: 'yesterday/today' },
      {},
      { interval: interval(), metrics: ['Status200', 'Bogus'] },
      { interval: interval(), groupBy: ['UserId'] },
      { interval: interval(), granularity: 'Hour' },
      { interval: interval(), extra: true },
    ];
    for (const body of bodies) {
      const res = await start(ops, body);
      expect([JSON.stringify(body), res.status, res.headers.get('content-type')?.split(';')[0], res.body.code]).toEqual([JSON.stringify(body), 400, 'application/problem+json', 'validation_failed']);
    }
    for (const days of ['0', '367', 'seven']) {
      const res = await ops.call('GET', `${BASE}/summary?days=${days}`);
      expect([days, res.status, res.body.code]).toEqual([days, 400, 'validation_failed']);
    }
    const started = await start();
    const tooLong = await ops.call('GET', `/v1/usage/genesys/queries/${started.body.id as string}?waitSeconds=21`);
    expect([tooLong.status, tooLong.body.code]).toEqual([400, 'validation_failed']);
    expect(upstreamCalls() - before).toBe(1); // only the one valid query was posted

    const unsupported = await ops.call('POST', `/v1/usage/calcom/clients/${BFF_CLIENT}/query`, { interval: interval() });
    expect([unsupported.status, unsupported.body.code]).toEqual([404, 'capability_not_supported']);
  });

  it('answers a problem, never a 500, when the upstream rate-limits or times out while waitSeconds polls', async () => {
    runningPolls(1);
    const started = await start();
    const location = started.headers.get('location')!;
    const armed = async () => ((await (await fetch(`${stack.sandboxUrl}/_control/faults`)).json()) as { faults: unknown[] }).faults.length;

    // A Retry-After longer than the upstream budget ends the wait: the caller is told when to come back.
    await fault({ status: 429, retryAfterSeconds: 30 });
    const limited = await ops.call('GET', `${location}?waitSeconds=10`);
    expect([limited.status, limited.headers.get('content-type')?.split(';')[0], limited.body.code, limited.headers.get('retry-after')]).toEqual([429, 'application/problem+json', 'upstream_rate_limited', '30']);
    expect(await armed()).toBe(0);

    // A poll that outlives the provider's timeout (3 s here) is a 503, not a hang and not a 500.
    await fault({ latencyMs: 6000 });
    const slow = await ops.call('GET', `${location}?waitSeconds=10`);
    expect([slow.status, slow.body.code]).toEqual([503, 'upstream_unavailable']);

    // A Retry-After that fits the budget is waited out, and the same wait goes on to the result.
    await fault({ status: 429, retryAfterSeconds: 1 });
    const honoured = await ops.call('GET', `${location}?waitSeconds=15`);
    expect([honoured.status, honoured.body.queryStatus]).toEqual([200, 'Complete']);
    expect(await armed()).toBe(0);
    // Neither failure left the fleet-wide poll lock behind.
    const kv = stack.bff.app.get(KvStore);
    const lock = await kv.acquireLock(`usage:poll:${started.body.id as string}`, 60_000);
    expect(lock).not.toBeNull();
    await kv.releaseLock(`usage:poll:${started.body.id as string}`, lock!);
  }, 60_000);

  it('maps upstream outcomes: Failed, 429 with Retry-After, timeout, missing permission', async () => {
    runningPolls(0, true);
    const failing = await start();
    const failed = await ops.call('GET', `/v1/usage/genesys/queries/${failing.body.id as string}`);
    expect([failed.status, failed.body.code, failed.body.provider]).toEqual([502, 'usage_query_failed', 'genesys']);
    // The failure is remembered: reading again does not ask the upstream.
    const before = upstreamCalls();
    expect((await ops.call('GET', `/v1/usage/genesys/queries/${failing.body.id as string}`)).body.code).toBe('usage_query_failed');
    expect(upstreamCalls()).toBe(before);
    runningPolls(0, false);

    await fault({ status: 429, retryAfterSeconds: 30 });
    const limited = await start();
    expect([limited.status, limited.body.code, limited.headers.get('retry-after')]).toEqual([429, 'upstream_rate_limited', '30']);

    await fault({ latencyMs: 6000 });
    const slow = await start();
    expect([slow.status, slow.body.code]).toEqual([503, 'upstream_unavailable']);

    const noperms = await signIn(stack, 'genesys', USERS.noperms);
    const forbidden = await start(noperms);
    expect([forbidden.status, forbidden.body.code]).toEqual([403, 'upstream_forbidden']);
  }, 30_000);
});
