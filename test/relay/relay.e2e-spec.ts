import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { GENERIC, SANDBOX_KINDS, startLoginStack, type LoginStack } from '../support/login-stack.js';
import { staticSecurityHeaders } from '../../src/bootstrap/http-edge-policy.js';
import { json, login, rawRequest, relay, type Session } from './relay-support.js';

// One protected resource per provider, reached through its default allowlist (login-stack copies the sandbox defaults).
const RESOURCES: Record<string, (subject: string) => string> = {
  bluejeans: (s) => `bluejeans/v1/user/${s}`,
  genesys: () => 'genesys/api/v2/users/me',
  calcom: () => 'calcom/v2/me',
  phonecom: (s) => `phonecom/accounts/${s}`,
  [GENERIC.id]: () => `${GENERIC.id}/me`,
};

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('relay to every provider kind', () => {
  let stack: LoginStack;
  beforeAll(async () => {
    stack = await startLoginStack({ LOG_LEVEL: 'error', TOKEN_REFRESH_SKEW_SECONDS: '1' });
  }, 60_000);
  afterAll(async () => stack.close());

  it.each([...SANDBOX_KINDS, GENERIC.id])('%s: a relayed GET reaches the protected resource with the user token', async (provider) => {
    const session = await login(stack, provider);
    const res = await relay(stack, session, 'GET', RESOURCES[provider](session.subject), { accept: 'application/json', 'x-request-id': 'relay-e2e-1' });
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toContain('application/json');
    // The caller's valid request id is kept end to end.
    expect(res.headers['x-request-id']).toBe('relay-e2e-1');
    const body = json(res);
    const identity = JSON.stringify(body);
    // Every emulated resource describes alice somewhere (username, email or name).
    expect(identity.toLowerCase()).toContain('alice');
    expect(res.body).not.toMatch(/access_token|refresh_token/);
  });

  it('without CORS (nothing set before the head): every helmet header of an Express route once, and a request id', async () => {
    const viaExpress = await rawRequest(stack.bff.url, 'GET', '/v1/auth/providers', {});
    const cal = await login(stack, 'calcom');
    const viaEdge = await relay(stack, cal, 'GET', 'calcom/v2/me', { 'x-request-id': 'edge-head-1' });
    expect(viaEdge.status).toBe(200);
    const helmetNames = staticSecurityHeaders().map(([name]) => name.toLowerCase());
    expect(helmetNames.length).toBeGreaterThan(5);
    // A header sent twice would come back joined ("SAMEORIGIN, SAMEORIGIN"), so equality also rules out duplicates.
    for (const name of helmetNames) expect([name, viaEdge.headers[name]]).toEqual([name, viaExpress.headers[name]]);
    expect(viaEdge.headers['x-request-id']).toBe('edge-head-1');
    expect(viaEdge.headers['content-type']).toContain('application/json');
  });

  it('passes the query string through and records the relay histogram', async () => {
    const session = await login(stack, 'bluejeans');
    const res = await relay(stack, session, 'GET', `bluejeans/v1/user/${session.subject}/scheduled_meeting?limit=1`);
    expect(res.status).toBe(200);
    const metrics = await (await fetch(`${stack.bff.url}/metrics`)).text();
    expect(metrics).toMatch(/relay_request_duration_seconds_count\{provider="bluejeans",status_class="2xx"\} [1-9]/);
  });

  it('upstream errors pass through with their status and body (another user -> 403)', async () => {
    const session = await login(stack, 'bluejeans');
    const res = await relay(stack, session, 'GET', 'bluejeans/v1/user/1002');
    expect(res.status).toBe(403);
    expect(json(res)).toEqual({ message: 'Access denied to this user' });
  });

  it('keeps relayed calls succeeding across refreshes of tokens that live 2 s', async () => {
    const counter = (provider: string) => {
      const perClient = stack.sandbox.counterSnapshot()[provider] ?? {};
      return Object.values(perClient).reduce((sum, kinds) => sum + (kinds.refresh ?? 0), 0);
    };
    for (const provider of SANDBOX_KINDS) stack.sandbox.setLifetimes(provider, { accessTokenSeconds: 2 });
    const sessions: Record<string, Session> = {};
    for (const provider of SANDBOX_KINDS) sessions[provider] = await login(stack, provider, { username: 'ops', password: 'ops-password' });
    const before = Object.fromEntries(SANDBOX_KINDS.map((p) => [p, counter(p)]));
    const statuses: Record<string, number[]> = Object.fromEntries(SANDBOX_KINDS.map((p) => [p, []]));
    for (let round = 0; round < 6; round++) {
      await Promise.all(
        SANDBOX_KINDS.map(async (provider) => {
          const res = await relay(stack, sessions[provider], 'GET', RESOURCES[provider](sessions[provider].subject));
          statuses[provider].push(res.status);
        }),
      );
      await sleep(1_000);
    }
    for (const provider of SANDBOX_KINDS) {
      expect([provider, statuses[provider]]).toEqual([provider, [200, 200, 200, 200, 200, 200]]);
      // Six seconds of 2-second tokens: the BFF must have refreshed each link more than once.
      expect([provider, counter(provider) - before[provider] >= 2]).toEqual([provider, true]);
    }
  }, 60_000);
});
