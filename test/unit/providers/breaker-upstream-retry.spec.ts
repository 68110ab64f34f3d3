import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { UpstreamHttp } from '../../../src/providers/http/upstream-http.js';
import { backoffDelay } from '../../../src/providers/http/backoff.js';

// The shared upstream call policy: idempotent calls are retried on 5xx/429 within one
// total timeout; anything else (a code exchange, a refresh) is sent exactly once.
let server: Server;
let url: string;
let hits = 0;
let answers: { status: number; headers?: Record<string, string> }[] = [];

beforeAll(async () => {
  server = createServer((_req, res) => {
    hits += 1;
    const answer = answers.shift() ?? { status: 200 };
    res.writeHead(answer.status, { 'content-type': 'application/json', ...answer.headers });
    res.end(JSON.stringify({ n: hits }));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/x`;
});
afterAll(() => new Promise((resolve) => server.close(resolve)));
beforeEach(() => {
  hits = 0;
  answers = [];
});

describe('UpstreamHttp retries', () => {
  it('a GET is retried after 503 and succeeds', async () => {
    answers = [{ status: 503 }, { status: 502 }];
    const response = await new UpstreamHttp('p', 2_000).send({ method: 'GET', url, operation: 'info' });
    expect(response).toMatchObject({ status: 200, body: { n: 3 } });
    expect(hits).toBe(3);
  });

  it('a POST (code exchange, refresh) is never retried unless marked idempotent', async () => {
    answers = [{ status: 503 }];
    expect((await new UpstreamHttp('p', 2_000).send({ method: 'POST', url, json: {}, operation: 'code exchange' })).status).toBe(503);
    expect(hits).toBe(1);
    answers = [{ status: 503 }];
    expect((await new UpstreamHttp('p', 2_000).send({ method: 'POST', url, json: {}, operation: 'x', idempotent: true })).status).toBe(200);
    expect(hits).toBe(3);
  });

  it('a Retry-After that does not fit the total timeout is handed back instead of waited out', async () => {
    answers = [{ status: 429, headers: { 'retry-after': '30' } }];
    const started = Date.now();
    const response = await new UpstreamHttp('p', 1_000).send({ method: 'GET', url, operation: 'info' });
    expect(response.status).toBe(429);
    expect(response.headers.get('retry-after')).toBe('30');
    // Waiting it out would take 30 s; half of that is a bound no loaded machine reaches otherwise.
    expect(Date.now() - started).toBeLessThan(15_000);
    expect(hits).toBe(1);
  }, 40_000);

  it('a short Retry-After is honoured before the retry', async () => {
    answers = [{ status: 429, headers: { 'retry-after': '1' } }];
    const started = Date.now();
    const response = await new UpstreamHttp('p', 3_000).send({ method: 'GET', url, operation: 'info' });
    expect(response.status).toBe(200);
    expect(Date.now() - started).toBeGreaterThanOrEqual(950);
  });

  it('backoff grows exponentially, capped, and is jittered', () => {
    expect(backoffDelay(0, 100, 2_000, () => 0.999)).toBe(99);
    expect(backoffDelay(3, 100, 2_000, () => 0.999)).toBe(799);
    expect(backoffDelay(10, 100, 2_000, () => 0.999)).toBe(1_998);
    expect(backoffDelay(3, 100, 2_000, () => 0)).toBe(0);
  });
});
