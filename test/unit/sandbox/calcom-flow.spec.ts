import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { ALICE, getJson, openLoginPage, sendJson, startHarness, submitForm, type Harness } from './sandbox-harness.js';

/**
 * A full Cal.com flow with plain fetch. Cal.com documents no revoke
 * operation; the flow ends with the refresh-token reuse detection instead,
 * which is what retires a stolen token family there.
 */
const CLIENT_ID = 'calcom-test-client';
const SECRET = 'calcom-test-secret';
const REDIRECT = 'http://127.0.0.1/cb';

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(() => h.close());

describe('Cal.com code flow', () => {
  it('signs in, exchanges, calls /v2/me, refreshes with rotation and detects reuse', async () => {
    const page = await openLoginPage(`${h.url}/calcom/v2/oauth/${CLIENT_ID}/authorize?redirectUri=${encodeURIComponent(REDIRECT)}&state=ignored`);
    const login = await submitForm(page.action, { ...page.hidden, ...ALICE });
    expect(login.status).toBe(302);
    const location = new URL(login.headers.get('location')!);
    expect(`${location.origin}${location.pathname}`).toBe(REDIRECT);
    expect([...location.searchParams.keys()]).toEqual(['code']); // no state echoed
    const code = location.searchParams.get('code')!;

    const before = Date.now();
    const exchanged = await sendJson('POST', `${h.url}/calcom/v2/oauth/${CLIENT_ID}/exchange`, { clientSecret: SECRET }, { authorization: `Bearer ${code}` });
    expect(exchanged.status).toBe(200);
    expect(exchanged.body).toEqual({
      status: 'success',
      data: { accessToken: expect.any(String), refreshToken: expect.any(String), accessTokenExpiresAt: expect.any(Number), refreshTokenExpiresAt: expect.any(Number) },
    });
    // Epoch milliseconds: 60 min and about a year ahead.
    expect(exchanged.body.data.accessTokenExpiresAt).toBeGreaterThanOrEqual(before + 3600_000);
    expect(exchanged.body.data.refreshTokenExpiresAt).toBeGreaterThan(before + 364 * 86400_000);

    const me = await getJson(`${h.url}/calcom/v2/me`, { headers: { authorization: `Bearer ${exchanged.body.data.accessToken}` } });
    expect(me.body).toMatchObject({ status: 'success', data: { id: 1001, username: 'alice', email: 'alice@example.test' } });

    const refresh = (token: string) =>
      sendJson('POST', `${h.url}/calcom/v2/oauth/${CLIENT_ID}/refresh`, { refreshToken: token }, { 'x-cal-secret-key': SECRET });
    const second = await refresh(exchanged.body.data.refreshToken);
    expect(second.status).toBe(200);
    expect(second.body.data.refreshToken).not.toBe(exchanged.body.data.refreshToken);

    // Reusing the rotated token answers 400 and revokes the whole family.
    const reuse = await refresh(exchanged.body.data.refreshToken);
    expect(reuse).toMatchObject({ status: 400, body: { status: 'error', error: { message: 'Invalid refresh token' } } });
    expect((await refresh(second.body.data.refreshToken)).status).toBe(400);
    expect((await getJson(`${h.url}/calcom/v2/me`, { headers: { authorization: `Bearer ${second.body.data.accessToken}` } })).status).toBe(401);
  });

  it('after the web login, a bare {redirectUri} POST with the session cookie authorizes', async () => {
    const page = await openLoginPage(`${h.url}/calcom/v2/oauth/${CLIENT_ID}/authorize?redirectUri=${encodeURIComponent(REDIRECT)}`);
    const login = await submitForm(page.action, { ...page.hidden, ...ALICE });
    const cookie = login.headers.get('set-cookie')!.split(';')[0];
    expect(login.headers.get('set-cookie')).toMatch(/HttpOnly/i);
    const again = await fetch(page.action, { method: 'POST', redirect: 'manual', headers: { 'content-type': 'application/json', cookie }, body: JSON.stringify({ redirectUri: REDIRECT }) });
    expect(again.status).toBe(302);
    expect(new URL(again.headers.get('location')!).searchParams.get('code')).toEqual(expect.any(String));
    const anonymous = await sendJson('POST', page.action, { redirectUri: REDIRECT });
    expect(anonymous.status).toBe(401);
  });
});
