import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { browserLogin, ManualBrowser } from '../support/browser.js';
import { startLoginStack, type LoginStack } from '../support/login-stack.js';

// Deep nesting used to reach class-transformer and overflow its stack (500 RangeError).
const HOSTILE = `${'['.repeat(1_500)}${']'.repeat(1_500)}`;
const nested = (depth: number): unknown => (depth <= 1 ? {} : { a: nested(depth - 1) });

describe('deeply nested JSON is refused at parse time on every JSON route', () => {
  let stack: LoginStack;
  let opsCookie: string;
  beforeAll(async () => {
    stack = await startLoginStack(
      { LOG_LEVEL: 'silent', JSON_MAX_DEPTH: '8', OPS_SUBJECTS: 'bluejeans:1003' },
      { grants: { bluejeans: { password: true, meeting: true, clientCredentials: true } } },
    );
    const browser = new ManualBrowser();
    await browserLogin(browser, stack.bff.url, 'bluejeans', { username: 'ops', password: 'ops-password' });
    opsCookie = `__Host-bff_session=${browser.cookie('__Host-bff_session')}`;
  }, 60_000);
  afterAll(async () => stack.close());

  const routes = ['/v1/auth/native/token', '/v1/auth/bluejeans/password', '/v1/auth/bluejeans/meeting', '/v1/auth/bluejeans/client-credentials', '/v1/auth/logout'];

  function post(path: string, body: string): Promise<Response> {
    return fetch(`${stack.bff.url}${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-csrf': '1', origin: stack.bff.config.http.publicUrl, cookie: opsCookie },
      body,
    });
  }

  it.each(routes)('%s: 1,500 nested arrays -> 400 json_too_deep problem', async (path) => {
    const res = await post(path, HOSTILE);
    expect(res.headers.get('content-type')).toContain('application/problem+json');
    expect({ status: res.status, code: ((await res.json()) as { code: string }).code }).toEqual({ status: 400, code: 'json_too_deep' });
  });

  it('the limit is the configured depth: 8 levels pass the parser, 9 do not; brackets inside strings do not count', async () => {
    const atLimit = await post('/v1/auth/native/token', JSON.stringify(nested(8)));
    expect(((await atLimit.json()) as { code: string }).code).toBe('validation_failed');
    const inString = await post('/v1/auth/native/token', JSON.stringify({ code: '[[[[[[[[[[[[[[[[', codeVerifier: '{{{{{{{{{{{{{{{{\\"[[[[' }));
    expect(((await inString.json()) as { code: string }).code).not.toBe('json_too_deep');
    const beyond = await post('/v1/auth/native/token', JSON.stringify(nested(9)));
    expect(((await beyond.json()) as { code: string }).code).toBe('json_too_deep');
  });

  it('the session used above is intact (the refusals were not authentication failures)', async () => {
    expect((await fetch(`${stack.bff.url}/v1/auth/me`, { headers: { cookie: opsCookie } })).status).toBe(200);
  });
});
