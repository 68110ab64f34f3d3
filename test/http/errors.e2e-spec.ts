import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { startTestApp, type TestApp } from '../support/test-app.js';

const problemShape = {
  type: expect.stringMatching(/^https:\/\//),
  title: expect.any(String),
  detail: expect.any(String),
  requestId: expect.any(String),
};

describe('problem+json errors at the HTTP edge', () => {
  let test: TestApp;
  beforeAll(async () => {
    test = await startTestApp({ BODY_LIMIT: '1kb', CORS_ORIGINS: 'https://app.example.test' });
  });
  afterAll(async () => test.close());

  async function problem(res: Response) {
    expect(res.headers.get('content-type')).toBe('application/problem+json; charset=utf-8');
    const body = (await res.json()) as Record<string, unknown>;
    expect(body.requestId).toBe(res.headers.get('x-request-id'));
    return body;
  }

  it('malformed JSON is a 400 malformed_json, not a 500 or an HTML page', async () => {
    const res = await fetch(`${test.url}/any-route`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{bad' });
    expect(res.status).toBe(400);
    expect(await problem(res)).toEqual({ ...problemShape, status: 400, code: 'malformed_json', detail: 'The request body is not valid JSON.' });
  });

  it('a body over the configured limit is a 413 payload_too_large', async () => {
    const res = await fetch(`${test.url}/any-route`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ data: 'x'.repeat(4_000) }),
    });
    expect(res.status).toBe(413);
    expect(await problem(res)).toMatchObject({ status: 413, code: 'payload_too_large' });
  });

  it('a body of the wrong content type is a 415 unsupported_media_type', async () => {
    const res = await fetch(`${test.url}/any-route`, { method: 'POST', headers: { 'content-type': 'text/plain' }, body: 'hello' });
    expect(res.status).toBe(415);
    expect(await problem(res)).toMatchObject({ status: 415, code: 'unsupported_media_type' });
  });

  it('an unknown route is a 404 route_not_found that never echoes the query string', async () => {
    const res = await fetch(`${test.url}/nowhere?access_token=secret-value`);
    expect(res.status).toBe(404);
    const body = await problem(res);
    expect(body).toEqual({ ...problemShape, status: 404, code: 'route_not_found', detail: 'No route matches GET /nowhere.' });
    expect(JSON.stringify(body)).not.toContain('secret-value');
  });

  it('a broken percent-encoding in the path is a 400, not a 500', async () => {
    const res = await fetch(`${test.url}/health/%E0%A4%A`);
    expect([400, 404]).toContain(res.status);
    expect((await problem(res)).status).toBe(res.status);
  });

  it('CORS answers only configured origins and never reflects others', async () => {
    const allowed = await fetch(`${test.url}/health/live`, { headers: { Origin: 'https://app.example.test' } });
    expect(allowed.headers.get('access-control-allow-origin')).toBe('https://app.example.test');
    expect(allowed.headers.get('access-control-allow-credentials')).toBe('true');
    const foreign = await fetch(`${test.url}/health/live`, { headers: { Origin: 'https://evil.example' } });
    expect(foreign.headers.get('access-control-allow-origin')).toBeNull();
  });

  it('security headers come from helmet and x-powered-by is gone', async () => {
    const res = await fetch(`${test.url}/health/live`);
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    expect(res.headers.get('content-security-policy')).toContain("default-src 'self'");
    expect(res.headers.get('x-powered-by')).toBeNull();
  });
});
