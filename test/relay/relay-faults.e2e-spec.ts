import { afterAll, beforeAll, beforeEach, describe, expect, it } from '@jest/globals';
import { startLoginStack, type LoginStack } from '../support/login-stack.js';
import { json, login, relay, type Session } from './relay-support.js';

// phonecom's relay points at a port nobody listens on: the unreachable case.
const relayOverrides = () => ({ phonecom: { baseUrl: 'http://127.0.0.1:9', allow: [{ methods: ['GET'], path: '/accounts/{id}' }] } });

describe('relay upstream failures (sandbox faults)', () => {
  let stack: LoginStack;
  let cal: Session;
  const arm = (fault: Record<string, unknown>) =>
    fetch(`${stack.sandboxUrl}/_control/faults`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(fault) });
  const refreshes = () => Object.values(stack.sandbox.counterSnapshot().calcom ?? {}).reduce((n, k) => n + (k.refresh ?? 0), 0);

  beforeAll(async () => {
    stack = await startLoginStack({ LOG_LEVEL: 'error', RELAY_TIMEOUT_MS: '1000' }, { relay: relayOverrides });
    cal = await login(stack, 'calcom');
  }, 60_000);
  beforeEach(async () => {
    await fetch(`${stack.sandboxUrl}/_control/faults`, { method: 'DELETE' });
  });
  afterAll(async () => stack.close());

  it('passes an upstream 5xx through with its status, body and Retry-After', async () => {
    await arm({ provider: 'calcom', route: 'api', status: 503, retryAfterSeconds: 7, times: 1 });
    const res = await relay(stack, cal, 'GET', 'calcom/v2/me');
    expect(res.status).toBe(503);
    expect(res.headers['retry-after']).toBe('7');
    expect(res.headers['content-type']).not.toContain('problem+json');
    expect((await relay(stack, cal, 'GET', 'calcom/v2/me')).status).toBe(200);
  });

  it('a slow upstream past RELAY_TIMEOUT_MS -> 504 upstream_timeout, before the late answer', async () => {
    await arm({ provider: 'calcom', route: 'api', latencyMs: 3_000, times: 1 });
    const res = await relay(stack, cal, 'GET', 'calcom/v2/me');
    // upstream_timeout is only ever answered by the relay's own timer; the late answer would be a 200.
    expect([res.status, json(res).code]).toEqual([504, 'upstream_timeout']);
  });

  it('an unreachable upstream -> 502 upstream_unreachable', async () => {
    const pc = await login(stack, 'phonecom');
    const res = await relay(stack, pc, 'GET', `phonecom/accounts/${pc.subject}`);
    expect([res.status, json(res).code]).toEqual([502, 'upstream_unreachable']);
  });

  it('an upstream 401 on a replayable request -> one forced refresh and one retry that succeeds', async () => {
    await arm({ provider: 'calcom', route: 'api', status: 401, times: 1 });
    const before = refreshes();
    const res = await relay(stack, cal, 'GET', 'calcom/v2/me');
    expect(res.status).toBe(200);
    expect(refreshes() - before).toBe(1);
  });

  it('a second 401 after the retry is passed through, with no further refresh', async () => {
    await arm({ provider: 'calcom', route: 'api', status: 401, times: 2 });
    const before = refreshes();
    const res = await relay(stack, cal, 'GET', 'calcom/v2/me');
    expect(res.status).toBe(401);
    expect(refreshes() - before).toBe(1);
  });
});
