import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { byBearer, byCookie, expectProblem, startSessionsApp, type SessionsTestApp } from './sessions-support.js';

describe('session authentication at the HTTP edge', () => {
  let test: SessionsTestApp;
  beforeAll(async () => {
    test = await startSessionsApp();
  });
  afterAll(async () => test.close());

  const get = (headers: Record<string, string>) => fetch(`${test.url}/v1/sessions`, { headers });

  it('no credential at all -> 401 unauthenticated', async () => {
    await expectProblem(await get({}), 401, 'unauthenticated');
  });

  const bad: [string, () => Promise<string>][] = [
    ['garbled', async () => '%%%not-a-token%%%'],
    ['truncated', async () => (await test.signIn()).token.slice(0, 30)],
    ['oversized', async () => 'A'.repeat(8_000)],
    ['unknown', async () => 'B'.repeat(43)],
    ['revoked', async () => {
      const { token } = await test.signIn();
      await test.sessions.revokeByToken(token);
      return token;
    }],
  ];

  it.each(bad)('a %s cookie -> 401 problem (never 500) and the cookie is cleared', async (_label, make) => {
    const res = await get(byCookie(await make()));
    await expectProblem(res, 401, 'unauthenticated');
    expect(res.headers.get('set-cookie')).toMatch(/^__Host-bff_session=; Max-Age=0;/);
  });

  it.each(bad)('a %s bearer token -> 401 problem (never 500) with WWW-Authenticate', async (_label, make) => {
    const res = await get(byBearer(await make()));
    await expectProblem(res, 401, 'unauthenticated');
    expect(res.headers.get('www-authenticate')).toContain('invalid_token');
  });

  it('an empty bearer and a cookie with no value -> 401', async () => {
    await expectProblem(await get({ authorization: 'Bearer' }), 401, 'unauthenticated');
    await expectProblem(await get({ cookie: '__Host-bff_session=' }), 401, 'unauthenticated');
  });

  it('a valid web session works by cookie; a native one by bearer', async () => {
    const web = await test.signIn();
    expect((await get(byCookie(web.token))).status).toBe(200);
    const native = await test.signIn({ kind: 'native' });
    expect((await get(byBearer(native.token))).status).toBe(200);
  });

  it('a token only works over the transport it was issued for', async () => {
    const web = await test.signIn();
    await expectProblem(await get(byBearer(web.token)), 401, 'unauthenticated');
    const native = await test.signIn({ kind: 'native' });
    await expectProblem(await get(byCookie(native.token)), 401, 'unauthenticated');
  });

  it('when both are sent the bearer decides: a bad bearer is not rescued by a good cookie', async () => {
    const web = await test.signIn();
    const native = await test.signIn({ kind: 'native' });
    await expectProblem(await get({ ...byCookie(web.token), ...byBearer('C'.repeat(43)) }), 401, 'unauthenticated');
    const res = await get({ ...byCookie(web.token), ...byBearer(native.token) });
    const body = (await res.json()) as { sessions: { id: string; current: boolean }[] };
    expect(body.sessions.find((s) => s.current)?.id).toBe(native.id);
  });

  it('Cache-Control: no-store and Pragma: no-cache on session, auth and admin paths, errors included', async () => {
    const { token } = await test.signIn();
    for (const res of [await get(byCookie(token)), await get({}), await fetch(`${test.url}/v1/auth/anything`), await fetch(`${test.url}/V1/Admin/users/x/sessions`)]) {
      expect(res.headers.get('cache-control')).toBe('no-store');
      expect(res.headers.get('pragma')).toBe('no-cache');
    }
    expect((await fetch(`${test.url}/health/live`)).headers.get('cache-control')).not.toBe('no-store');
  });

  it('/health/* and /docs stay public', async () => {
    expect((await fetch(`${test.url}/health/live`)).status).toBe(200);
    expect((await fetch(`${test.url}/health/ready`)).status).toBe(200);
    expect((await fetch(`${test.url}/metrics`)).status).toBe(200);
    expect((await fetch(`${test.url}/docs`)).status).toBe(200);
    expect((await fetch(`${test.url}/docs/openapi.json`)).status).toBe(200);
  });

  it('a public route ignores a bad cookie instead of failing', async () => {
    expect((await fetch(`${test.url}/health/live`, { headers: byCookie('garbage') })).status).toBe(200);
  });

  it('Swagger UI adds X-CSRF itself and sends credentials (interceptor serialised into swagger-ui-init.js)', async () => {
    const js = await (await fetch(`${test.url}/docs/swagger-ui-init.js`)).text();
    expect(js).toMatch(/"requestInterceptor": function swaggerRequestInterceptor\(request\) \{\s*request\.headers\['X-CSRF'\] = '1';/);
    expect(js).toContain('"withCredentials": true');
  });
});
