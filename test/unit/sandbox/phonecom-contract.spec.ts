import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { ALICE, getJson, sendJson, signIn, startHarness, type Harness } from './sandbox-harness.js';

/** Phone.com `/oauth/*` operations: grants, both parameter carriers, and error shapes. */
const CLIENT = { client_id: 'phonecom-test-client', client_secret: 'phonecom-test-secret' };
const REDIRECT = 'http://127.0.0.1/cb';

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(() => h.close());

const tokenUrl = () => `${h.url}/phonecom/v4/oauth/access-token`;
const atError = (status: number) => ({ '@error': { '@httpStatusCode': status, '@httpStatusText': expect.any(String), '@message': expect.any(String) } });

async function freshCode(): Promise<string> {
  const q = new URLSearchParams({ client_id: CLIENT.client_id, response_type: 'code', scope: 'account-owner', redirect_uri: REDIRECT });
  return (await signIn(`${h.url}/phonecom/v4/oauth/authorization?${q}`, ALICE)).searchParams.get('code')!;
}

describe('Phone.com POST /oauth/access-token', () => {
  it('accepts the parameters in the query string', async () => {
    const q = new URLSearchParams({ grant_type: 'client_credentials', ...CLIENT, scope: 'account-owner' });
    const res = await getJson(`${tokenUrl()}?${q}`, { method: 'POST' });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ token_type: 'Bearer', scope: 'account-owner' });
  });

  it('password grant issues a token for the user; bad password is 401 invalid_grant', async () => {
    const ok = await sendJson('POST', tokenUrl(), { grant_type: 'password', ...CLIENT, ...ALICE, scope: 'account-owner' });
    expect(ok.status).toBe(201);
    const details = await getJson(tokenUrl(), { headers: { authorization: `Bearer ${ok.body.access_token}` } });
    expect(details.body.scope_details).toEqual([{ voip_id: 1001 }]);
    const bad = await sendJson('POST', tokenUrl(), { grant_type: 'password', ...CLIENT, username: 'alice', password: 'x' });
    expect(bad).toEqual({ status: 401, body: { error: 'invalid_grant', error_description: expect.any(String) }, headers: expect.anything() });
  });

  it('a wrong client secret is 401 invalid_client', async () => {
    const res = await sendJson('POST', tokenUrl(), { grant_type: 'client_credentials', client_id: CLIENT.client_id, client_secret: 'x' });
    expect(res.status).toBe(401);
    expect(res.body).toEqual({ error: 'invalid_client', error_description: expect.any(String) });
  });

  it('missing or invalid data is 422 in the @error shape', async () => {
    expect(await sendJson('POST', tokenUrl(), {})).toMatchObject({ status: 422, body: atError(422) });
    expect(await sendJson('POST', tokenUrl(), { grant_type: 'magic', ...CLIENT })).toMatchObject({ status: 422, body: atError(422) });
    expect(await sendJson('POST', tokenUrl(), { grant_type: 'authorization_code', ...CLIENT })).toMatchObject({ status: 422 });
    expect(await sendJson('POST', tokenUrl(), { grant_type: 'client_credentials', ...CLIENT, scope: 'root' })).toMatchObject({ status: 422 });
  });

  it('codes are single use, bound to the redirect URI, and expire', async () => {
    const exchange = (code: string, redirect = REDIRECT) => sendJson('POST', tokenUrl(), { grant_type: 'authorization_code', ...CLIENT, code, redirect_uri: redirect });
    const code = await freshCode();
    expect((await exchange(code)).status).toBe(201);
    expect((await exchange(code)).body).toEqual({ error: 'invalid_grant', error_description: expect.any(String) });
    expect((await exchange(await freshCode(), 'http://127.0.0.1/elsewhere')).status).toBe(401);
    const late = await freshCode();
    h.advance(61_000);
    expect((await exchange(late)).status).toBe(401);
  });

  it('an unknown refresh token is 401 invalid_grant', async () => {
    const res = await sendJson('POST', tokenUrl(), { grant_type: 'refresh_token', ...CLIENT, refresh_token: 'nope' });
    expect(res).toMatchObject({ status: 401, body: { error: 'invalid_grant' } });
  });
});

describe('Phone.com GET /oauth/authorization and the API', () => {
  it('refuses an unregistered redirect_uri with 422 and never redirects', async () => {
    const q = new URLSearchParams({ client_id: CLIENT.client_id, response_type: 'code', scope: 'account-owner', redirect_uri: 'https://evil.example/cb' });
    const res = await getJson(`${h.url}/phonecom/v4/oauth/authorization?${q}`);
    expect(res).toMatchObject({ status: 422, body: atError(422) });
    expect(res.headers.get('location')).toBeNull();
  });

  it('token details and accounts need a valid Bearer token; other accounts are 403', async () => {
    expect(await getJson(tokenUrl())).toMatchObject({ status: 401, body: atError(401) });
    const ok = await sendJson('POST', tokenUrl(), { grant_type: 'password', ...CLIENT, username: 'bob', password: 'bob-password' });
    const auth = { headers: { authorization: `Bearer ${ok.body.access_token}` } };
    expect(await getJson(`${h.url}/phonecom/v4/accounts/1001`, auth)).toMatchObject({ status: 403, body: atError(403) });
    expect((await getJson(`${h.url}/phonecom/v4/accounts/1002`, auth)).status).toBe(200);
  });
});
