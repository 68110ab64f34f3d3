import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { APP_ORIGIN, byBearer, byCookie, byCookieWrite, expectProblem, startSessionsApp, type SessionsTestApp } from './sessions-support.js';

describe('CSRF rule for cookie-authenticated writes', () => {
  let test: SessionsTestApp;
  beforeAll(async () => {
    test = await startSessionsApp({ PUBLIC_URL: 'https://bff.example.test' });
  });
  afterAll(async () => test.close());

  const revokeOthers = (headers: Record<string, string>) => fetch(`${test.url}/v1/sessions`, { method: 'DELETE', headers });

  it('without X-CSRF -> 403 csrf_rejected and nothing is revoked', async () => {
    const me = await test.signIn();
    const other = await test.signIn({ userId: me.userId });
    await expectProblem(await revokeOthers(byCookie(me.token, { Origin: APP_ORIGIN })), 403, 'csrf_rejected');
    expect(await test.sessions.resolve(other.token)).not.toBeNull();
  });

  it.each([['0'], ['true'], ['']])('X-CSRF: %p is not the token value -> 403', async (value) => {
    const me = await test.signIn();
    await expectProblem(await revokeOthers(byCookie(me.token, { Origin: APP_ORIGIN, 'X-CSRF': value })), 403, 'csrf_rejected');
  });

  it.each([['https://evil.example'], ['null'], ['https://app.example.test.evil.example'], ['http://app.example.test']])(
    'foreign Origin %s -> 403',
    async (origin) => {
      const me = await test.signIn();
      await expectProblem(await revokeOthers(byCookieWrite(me.token, { Origin: origin })), 403, 'csrf_rejected');
    },
  );

  it('missing Origin -> 403', async () => {
    const me = await test.signIn();
    const headers = byCookieWrite(me.token);
    delete headers.Origin;
    await expectProblem(await revokeOthers(headers), 403, 'csrf_rejected');
  });

  it('X-CSRF: 1 from an allowed origin (APP_ORIGINS or PUBLIC_URL) passes', async () => {
    const me = await test.signIn();
    expect((await revokeOthers(byCookieWrite(me.token))).status).toBe(200);
    expect((await revokeOthers(byCookieWrite(me.token, { Origin: 'https://bff.example.test' }))).status).toBe(200);
  });

  it('bearer requests are exempt', async () => {
    const native = await test.signIn({ kind: 'native' });
    expect((await revokeOthers(byBearer(native.token))).status).toBe(200);
  });

  it('GET never needs the header', async () => {
    const me = await test.signIn();
    expect((await fetch(`${test.url}/v1/sessions`, { headers: byCookie(me.token, { Origin: 'https://evil.example' }) })).status).toBe(200);
  });

  it('an unauthenticated write is a 401 before any CSRF judgement', async () => {
    await expectProblem(await revokeOthers({ Origin: 'https://evil.example' }), 401, 'unauthenticated');
  });
});
