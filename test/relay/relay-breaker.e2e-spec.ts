import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { browserLogin, ManualBrowser } from '../support/browser.js';
import { startLoginStack, type LoginStack } from '../support/login-stack.js';

const THRESHOLD = 3;

function apiCalls(stack: LoginStack): number {
  const counters = stack.sandbox.counterSnapshot() as Record<string, Record<string, Record<string, number>>>;
  return Object.values(counters.phonecom ?? {}).reduce((sum, kinds) => sum + (kinds.api ?? 0), 0);
}

/** A provider that keeps failing trips its breaker: further relayed calls fail fast without reaching it. */
describe('relay circuit breaker', () => {
  let stack: LoginStack;
  let cookie: string;
  let path: string;

  beforeAll(async () => {
    stack = await startLoginStack({ BREAKER_FAILURE_THRESHOLD: String(THRESHOLD), BREAKER_COOLDOWN_MS: '60000' });
    const browser = new ManualBrowser();
    await browserLogin(browser, stack.bff.url, 'phonecom', { username: 'alice', password: 'alice-password' });
    cookie = `__Host-bff_session=${browser.cookie('__Host-bff_session')}`;
    const me = (await (await fetch(`${stack.bff.url}/v1/auth/me`, { headers: { cookie } })).json()) as { linkedAccounts: { subject: string }[] };
    path = `/v1/api/phonecom/accounts/${me.linkedAccounts[0].subject}`;
  }, 60_000);
  afterAll(async () => stack.close());

  it('an upstream 5xx answer is passed through and does not count: one user cannot cut everyone off', async () => {
    await fetch(`${stack.sandboxUrl}/_control/faults`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ provider: 'phonecom', route: 'api', status: 500, times: THRESHOLD + 1 }),
    });
    for (let i = 0; i <= THRESHOLD; i++) expect((await fetch(`${stack.bff.url}${path}`, { headers: { cookie } })).status).toBe(500);
    expect((await fetch(`${stack.bff.url}${path}`, { headers: { cookie } })).status).toBe(200);
  });

  it('opens after consecutive transport failures and then answers 503 with Retry-After without calling upstream', async () => {
    const ok = await fetch(`${stack.bff.url}${path}`, { headers: { cookie } });
    expect(ok.status).toBe(200);
    await fetch(`${stack.sandboxUrl}/_control/faults`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ provider: 'phonecom', route: 'api', drop: true }),
    });
    for (let i = 0; i < THRESHOLD; i++) expect((await fetch(`${stack.bff.url}${path}`, { headers: { cookie } })).status).toBe(502);
    await fetch(`${stack.sandboxUrl}/_control/faults`, { method: 'DELETE' });

    const before = apiCalls(stack);
    const fast = await fetch(`${stack.bff.url}${path}`, { headers: { cookie } });
    expect(fast.status).toBe(503);
    expect(Number(fast.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(((await fast.json()) as { code: string }).code).toBe('upstream_unavailable');
    expect(apiCalls(stack)).toBe(before);
    const metrics = await (await fetch(`${stack.bff.url}/metrics`)).text();
    expect(metrics).toMatch(/upstream_circuit_breaker_state\{provider="phonecom"\} 2/);
  });
});
