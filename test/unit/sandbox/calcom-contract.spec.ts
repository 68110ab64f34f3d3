import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { ALICE, getJson, sendJson, signIn, startHarness, type Harness } from './sandbox-harness.js';

/** Cal.com operations: every documented error message, status and the error body shape. */
const CLIENT_ID = 'calcom-test-client';
const SECRET = 'calcom-test-secret';
const REDIRECT = 'http://127.0.0.1/cb';

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(() => h.close());

const calError = (code: string, message: string) => ({ status: 'error', timestamp: expect.any(String), path: expect.stringMatching(/^\/calcom\//), error: { code, message } });
const exchange = (code: string | undefined, secret = SECRET, clientId = CLIENT_ID) =>
  sendJson('POST', `${h.url}/calcom/v2/oauth/${clientId}/exchange`, { clientSecret: secret }, code ? { authorization: `Bearer ${code}` } : {});
const refresh = (token: string, secret = SECRET) =>
  sendJson('POST', `${h.url}/calcom/v2/oauth/${CLIENT_ID}/refresh`, { refreshToken: token }, { 'x-cal-secret-key': secret });
const authorizeUrl = (redirect: string, clientId = CLIENT_ID) => `${h.url}/calcom/v2/oauth/${clientId}/authorize?redirectUri=${encodeURIComponent(redirect)}`;
const freshCode = async () => (await signIn(authorizeUrl(REDIRECT), ALICE)).searchParams.get('code')!;

describe('Cal.com authorize', () => {
  it("answers 400 Invalid 'redirect_uri' value. for an unregistered redirect URI", async () => {
    expect(await getJson(authorizeUrl('http://127.0.0.1/nope'))).toMatchObject({ status: 400, body: calError('BadRequestException', "Invalid 'redirect_uri' value.") });
  });

  it('answers 400 Invalid OAuth Client. for an unknown client', async () => {
    expect(await getJson(authorizeUrl(REDIRECT, 'nobody'))).toMatchObject({ status: 400, body: calError('BadRequestException', 'Invalid OAuth Client.') });
  });

  it('matches registered `*` patterns within one URL component only', async () => {
    const location = await signIn(authorizeUrl('http://127.0.0.1:8080/calcom/cb'), ALICE);
    expect(location.searchParams.get('code')).toEqual(expect.any(String));
    expect((await getJson(authorizeUrl('http://127.0.0.1:1@evil.example/calcom/cb'))).status).toBe(400);
  });
});

describe('Cal.com exchange', () => {
  it("answers 400 Missing 'Bearer' Authorization header.", async () => {
    expect(await exchange(undefined)).toMatchObject({ status: 400, body: calError('BadRequestException', "Missing 'Bearer' Authorization header.") });
  });

  it('answers 401 Invalid client secret and keeps the code usable', async () => {
    const code = await freshCode();
    expect(await exchange(code, 'wrong')).toMatchObject({ status: 401, body: calError('UnauthorizedException', 'Invalid client secret') });
    expect((await exchange(code)).status).toBe(200);
  });

  it('answers 400 Invalid Authorization Token. for a reused, unknown or expired code', async () => {
    const code = await freshCode();
    expect((await exchange(code)).status).toBe(200);
    expect(await exchange(code)).toMatchObject({ status: 400, body: calError('BadRequestException', 'Invalid Authorization Token.') });
    expect((await exchange('garbage')).status).toBe(400);
    const late = await freshCode();
    h.advance(61_000);
    expect((await exchange(late)).status).toBe(400);
  });

  it('answers 400 Invalid OAuth Client. for an unknown client id', async () => {
    expect(await exchange('x', SECRET, 'nobody')).toMatchObject({ status: 400, body: { error: { message: 'Invalid OAuth Client.' } } });
  });
});

describe('Cal.com refresh and API', () => {
  it('answers 401 Invalid client secret for a wrong x-cal-secret-key and 400 Invalid refresh token for garbage', async () => {
    const tokens = (await exchange(await freshCode())).body.data;
    expect(await refresh(tokens.refreshToken, 'wrong')).toMatchObject({ status: 401, body: calError('UnauthorizedException', 'Invalid client secret') });
    expect(await refresh('garbage')).toMatchObject({ status: 400, body: calError('BadRequestException', 'Invalid refresh token') });
  });

  it('GET /v2/me: 401 for an unknown token, 498 ACCESS_TOKEN_IS_EXPIRED for an expired one', async () => {
    const tokens = (await exchange(await freshCode())).body.data;
    expect(await getJson(`${h.url}/calcom/v2/me`, { headers: { authorization: 'Bearer nope' } })).toMatchObject({ status: 401, body: { status: 'error' } });
    h.advance(3601_000);
    const expired = await getJson(`${h.url}/calcom/v2/me`, { headers: { authorization: `Bearer ${tokens.accessToken}` } });
    expect(expired).toMatchObject({ status: 498, body: calError('TokenExpiredException', 'ACCESS_TOKEN_IS_EXPIRED') });
    // The refresh token outlives the access token.
    expect((await refresh(tokens.refreshToken)).status).toBe(200);
  });
});
