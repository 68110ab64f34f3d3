import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { ALICE, sendJson, signIn, startHarness, type Harness } from './sandbox-harness.js';

/** BlueJeans `POST /oauth2/token`: each grant's exact shape, and its failures. */
const CLIENT_ID = 'bluejeans-test-client-0000000002';
const CLIENT_SECRET = 'bluejeans-test-secret';
const REDIRECT = 'http://127.0.0.1/cb';
const PARTITION = { partitionName: 'z1', partition: { id: 1, name: 'z1' } };

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(() => h.close());

const token = (body: unknown, suffix = '') => sendJson('POST', `${h.url}/bluejeans/oauth2/token${suffix}`, body);

async function freshCode(): Promise<string> {
  const q = new URLSearchParams({ clientId: CLIENT_ID, redirectUri: REDIRECT, state: 's', scope: 'user_info', responseType: 'code' });
  return (await signIn(`${h.url}/bluejeans/oauth2/authorize?${q}`, ALICE)).searchParams.get('code')!;
}
const codeBody = (code: string) => ({ grant_type: 'authorization_code', client_id: CLIENT_ID, client_secret: CLIENT_SECRET, redirectUri: REDIRECT, code });

describe('BlueJeans grants', () => {
  it('client grant returns an enterprise-scoped token without refresh token', async () => {
    const res = await token({ grant_type: 'client_credentials', client_id: CLIENT_ID, client_secret: CLIENT_SECRET }, '?Client');
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ access_token: expect.any(String), expires_in: 3600, scope: { enterprise: 900001, ...PARTITION } });
    expect(CLIENT_ID).toHaveLength(32);
  });

  it('client grant with a wrong secret answers 401 {message}', async () => {
    const res = await token({ grant_type: 'client_credentials', client_id: CLIENT_ID, client_secret: 'nope' }, '?Client');
    expect(res).toMatchObject({ status: 401, body: { message: expect.any(String) } });
    expect(Object.keys(res.body)).toEqual(['message']);
  });

  it('routes on grant_type in the body, not on the query suffix', async () => {
    const res = await token({ grant_type: 'password', ...ALICE }, '?Client');
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ access_token: expect.any(String), refresh_token: expect.any(String), expires_in: 3600, scope: { user: 1001, ...PARTITION } });
  });

  it('password grant refuses bad credentials with 401', async () => {
    expect((await token({ grant_type: 'password', username: 'alice', password: 'wrong' }, '?Password')).status).toBe(401);
  });

  it('meeting grant: moderator passcode gives isModerator true, attendee false, no refresh token', async () => {
    const moderator = await token({ grant_type: 'meeting_passcode', meetingNumericId: '1234567890', meetingPasscode: '4321' }, '?Meeting');
    expect(moderator.status).toBe(200);
    expect(moderator.body).toEqual({
      access_token: expect.any(String),
      expires_in: 3600,
      scope: {
        meeting: {
          id: expect.any(Number), leaderId: 1001, meetingNumericId: '1234567890', meetingUri: expect.any(String),
          isModerator: true, meetingId: expect.any(Number), endpointUriSet: expect.any(Array),
        },
        ...PARTITION,
      },
    });
    const attendee = await token({ grant_type: 'meeting_passcode', meetingNumericId: 1234567890, meetingPasscode: '1234' });
    expect(attendee.body.scope.meeting.isModerator).toBe(false);
    expect(attendee.body.refresh_token).toBeUndefined();
    expect((await token({ grant_type: 'meeting_passcode', meetingNumericId: '1234567890', meetingPasscode: '0000' })).status).toBe(401);
  });

  it('code grant accepts redirect_uri as well as redirectUri', async () => {
    const { redirectUri: _r, ...rest } = codeBody(await freshCode());
    const res = await token({ ...rest, redirect_uri: REDIRECT });
    expect(res.status).toBe(200);
  });

  it('a code is single use and a bad code answers 401', async () => {
    const code = await freshCode();
    expect((await token(codeBody(code))).status).toBe(200);
    expect((await token(codeBody(code))).status).toBe(401);
    expect((await token(codeBody('not-a-code'))).status).toBe(401);
  });

  it('a code lives codeSeconds (30 s by default)', async () => {
    const code = await freshCode();
    h.advance(31_000);
    expect((await token(codeBody(code))).status).toBe(401);
  });

  it('a code redeemed with a different redirect URI answers 401', async () => {
    const res = await token({ ...codeBody(await freshCode()), redirectUri: 'http://127.0.0.1/other' });
    expect(res.status).toBe(401);
  });

  it('only code-grant tokens refresh', async () => {
    const password = await token({ grant_type: 'password', ...ALICE });
    const res = await token({ grant_type: 'refresh_token', client_id: CLIENT_ID, client_secret: CLIENT_SECRET, refresh_token: password.body.refresh_token });
    expect(res).toMatchObject({ status: 401, body: { message: expect.any(String) } });
  });

  it('refresh rotates: the previous refresh token stops working', async () => {
    const first = await token(codeBody(await freshCode()));
    const refresh = (rt: string) => token({ grant_type: 'refresh_token', client_id: CLIENT_ID, client_secret: CLIENT_SECRET, refresh_token: rt }, '?Refresh');
    const second = await refresh(first.body.refresh_token);
    expect(second.status).toBe(200);
    expect(second.body.refresh_token).not.toBe(first.body.refresh_token);
    expect((await refresh(first.body.refresh_token)).status).toBe(401);
  });

  it('missing or unknown grant_type and malformed JSON answer 400 {message}', async () => {
    expect(await token({})).toMatchObject({ status: 400, body: { message: 'grant_type is required' } });
    expect(await token({ grant_type: 'implicit' })).toMatchObject({ status: 400, body: { message: 'Unsupported grant_type' } });
    const bad = await fetch(`${h.url}/bluejeans/oauth2/token`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"grant_type":' });
    expect(bad.status).toBe(400);
    expect(await bad.json()).toEqual({ message: expect.any(String) });
    expect(await token({ grant_type: 'authorization_code', client_id: CLIENT_ID })).toMatchObject({ status: 400 });
  });
});
