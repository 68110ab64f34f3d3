import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { TEST_REDIS_URL } from '../support/test-env.js';
import { startTestApp, type TestApp } from '../support/test-app.js';
import { TcpProxy } from '../support/tcp-proxy.js';

async function waitFor(check: () => Promise<boolean>, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (await check()) return;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error('condition not met in time');
}

describe('health and metrics', () => {
  let test: TestApp;
  const redis = new URL(TEST_REDIS_URL);
  const proxy = new TcpProxy(redis.hostname, Number(redis.port || 6379));

  beforeAll(async () => {
    const port = await proxy.start();
    test = await startTestApp({ REDIS_URL: `redis://127.0.0.1:${port}` });
  });
  afterAll(async () => {
    await test.close();
    await proxy.stop();
  });

  it('GET /health/live answers ok', async () => {
    const res = await fetch(`${test.url}/health/live`);
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ status: 'ok' });
  });

  it('GET /health/ready checks Postgres and Redis', async () => {
    const res = await fetch(`${test.url}/health/ready`);
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ status: 'ready', checks: { database: 'up', redis: 'up', shutdown: 'running' } });
  });

  it('every response carries X-Request-Id; a safe caller id is echoed, an unsafe one replaced', async () => {
    const echoed = await fetch(`${test.url}/health/live`, { headers: { 'X-Request-Id': 'abc-123' } });
    expect(echoed.headers.get('x-request-id')).toBe('abc-123');
    const replaced = await fetch(`${test.url}/health/live`, { headers: { 'X-Request-Id': 'evil value<script>' } });
    expect(replaced.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('GET /metrics exposes the HTTP histogram by route template and status', async () => {
    await fetch(`${test.url}/health/live`);
    await fetch(`${test.url}/no/such/route`);
    const res = await fetch(`${test.url}/metrics`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('text/plain');
    const body = await res.text();
    expect(body).toMatch(/http_request_duration_seconds_count\{method="GET",route="\/health\/live",status_code="200"\} \d+/);
    expect(body).toMatch(/http_request_duration_seconds_count\{method="GET",route="unmatched",status_code="404"\} \d+/);
    expect(body).not.toContain('/no/such/route');
  });

  it('readiness goes 503 naming Redis when it stops, and recovers by itself when it returns', async () => {
    await proxy.stop();
    await waitFor(async () => (await fetch(`${test.url}/health/ready`)).status === 503);
    const down = await fetch(`${test.url}/health/ready`);
    expect(down.headers.get('content-type')).toContain('application/problem+json');
    const problem = (await down.json()) as Record<string, unknown>;
    expect(problem).toMatchObject({ status: 503, code: 'not_ready', checks: { database: 'up', redis: 'down' } });
    expect(problem.detail).toContain('redis');

    await proxy.start();
    await waitFor(async () => (await fetch(`${test.url}/health/ready`)).status === 200, 15_000);
  }, 40_000);
});
