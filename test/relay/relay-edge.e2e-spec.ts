import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { request as httpRequest } from 'node:http';
import { staticSecurityHeaders } from '../../src/bootstrap/http-edge-policy.js';
import { startLoginStack, type LoginStack } from '../support/login-stack.js';
import { json, login, rawRequest, relay, type Session } from './relay-support.js';

const APP_ORIGIN = 'https://app.example.test';
// Every header helmet sets on an Express route; the edge handler must send the same values, each once.
const SECURITY_HEADERS = staticSecurityHeaders().map(([name]) => name.toLowerCase());

async function metricValue(stack: LoginStack, pattern: RegExp): Promise<number> {
  const text = await (await fetch(`${stack.bff.url}/metrics`)).text();
  const match = pattern.exec(text);
  return match ? Number(match[1]) : 0;
}

/**
 * The relay's edge handler (served ahead of Express) keeps the HTTP edge every other
 * route has, and a client that goes away is counted, not treated as an error.
 */
describe('relay edge handler', () => {
  let stack: LoginStack;
  let cal: Session;
  const arm = (fault: Record<string, unknown>) =>
    fetch(`${stack.sandboxUrl}/_control/faults`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(fault) });

  beforeAll(async () => {
    stack = await startLoginStack({ LOG_LEVEL: 'error', CORS_ORIGINS: APP_ORIGIN });
    cal = await login(stack, 'calcom');
  }, 60_000);
  afterAll(async () => stack.close());

  it('sends the same security headers as an Express route, a request id and the CORS policy', async () => {
    // /v1/auth/providers stays an Express route; the relay and /me are both edge handlers.
    const viaExpress = await rawRequest(stack.bff.url, 'GET', '/v1/auth/providers', {});
    // With CORS on, headers are set before the relayed head is written: Node merges the head's list into them.
    const viaEdge = await relay(stack, cal, 'GET', 'calcom/v2/me', { origin: APP_ORIGIN, 'x-request-id': 'edge-cors-1' });
    const viaMeEdge = await rawRequest(stack.bff.url, 'GET', '/v1/auth/me', { cookie: cal.cookie });
    expect([viaEdge.status, viaMeEdge.status]).toEqual([200, 200]);
    for (const name of SECURITY_HEADERS) {
      expect(viaExpress.headers[name]).toBeDefined();
      expect([name, viaEdge.headers[name]]).toEqual([name, viaExpress.headers[name]]);
      expect([name, viaMeEdge.headers[name]]).toEqual([name, viaExpress.headers[name]]);
    }
    expect(SECURITY_HEADERS.length).toBeGreaterThan(5);
    // Sent twice, a header would come back joined ("edge-cors-1, edge-cors-1").
    expect(viaEdge.headers['x-request-id']).toBe('edge-cors-1');
    expect(viaEdge.headers.vary).toBe('Origin');
    expect(viaEdge.headers['access-control-allow-origin']).toBe(APP_ORIGIN);
    expect(viaEdge.headers['access-control-allow-credentials']).toBe('true');
    const foreign = await relay(stack, cal, 'GET', 'calcom/v2/me', { origin: 'https://evil.example' });
    expect(foreign.headers['access-control-allow-origin']).toBeUndefined();
  });

  it('answers problems from the edge as application/problem+json with the request id', async () => {
    const res = await rawRequest(stack.bff.url, 'GET', '/v1/api/calcom/v2/me', { 'x-request-id': 'edge-problem-1' });
    expect(res.status).toBe(401);
    expect(res.headers['content-type']).toContain('application/problem+json');
    expect(json(res)).toMatchObject({ status: 401, code: 'unauthenticated', requestId: 'edge-problem-1' });
    const csrf = await rawRequest(stack.bff.url, 'DELETE', '/v1/api/calcom/v2/me', { cookie: cal.cookie });
    expect([csrf.status, json(csrf).code]).toEqual([403, 'csrf_rejected']);
  });

  it('OPTIONS still goes through Express: a CORS preflight is answered by the CORS policy', async () => {
    const res = await rawRequest(stack.bff.url, 'OPTIONS', '/v1/api/calcom/v2/me', { origin: APP_ORIGIN, 'access-control-request-method': 'POST' });
    expect(res.status).toBe(204);
    expect(res.headers['access-control-allow-origin']).toBe(APP_ORIGIN);
  });

  it('a client that disconnects mid-call is counted in relay_client_aborts_total and the process keeps serving', async () => {
    const aborts = /relay_client_aborts_total\{provider="calcom"\} (\d+)/;
    const before = await metricValue(stack, aborts);
    await arm({ provider: 'calcom', route: 'api', latencyMs: 3_000, times: 1 });
    const { hostname, port } = new URL(stack.bff.url);
    await new Promise<void>((resolve) => {
      const req = httpRequest({ host: hostname, port, path: '/v1/api/calcom/v2/me', headers: { cookie: cal.cookie } });
      req.on('error', () => resolve());
      req.on('close', () => resolve());
      req.end();
      // Gone while the upstream is still thinking.
      setTimeout(() => req.destroy(), 300);
    });
    // The count lands when the server sees the socket close; wait for it rather than for a fixed time.
    const deadline = Date.now() + 20_000;
    while ((await metricValue(stack, aborts)) === before && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
    expect(await metricValue(stack, aborts)).toBe(before + 1);
    expect(await metricValue(stack, /relay_request_duration_seconds_count\{provider="calcom",status_class="4xx"\} (\d+)/)).toBeGreaterThanOrEqual(1);
    expect((await relay(stack, cal, 'GET', 'calcom/v2/me')).status).toBe(200);
  }, 40_000);
});
