import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { ALICE, getJson, sendJson, signIn, startHarness, type Harness } from './sandbox-harness.js';

/**
 * A full Phone.com code flow with plain fetch. Phone.com documents no revoke
 * operation, so the flow ends by checking the token details and API instead.
 */
const CLIENT = { client_id: 'phonecom-test-client', client_secret: 'phonecom-test-secret' };
const REDIRECT = 'http://127.0.0.1/cb';

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(() => h.close());

describe('Phone.com code flow', () => {
  it('signs in, exchanges (201), reads token details and the account, refreshes', async () => {
    const q = new URLSearchParams({ client_id: CLIENT.client_id, response_type: 'code', scope: 'account-owner', redirect_uri: REDIRECT, state: 'xyz' });
    const location = await signIn(`${h.url}/phonecom/v4/oauth/authorization?${q}`, ALICE);
    expect(`${location.origin}${location.pathname}`).toBe(REDIRECT);
    expect(location.searchParams.get('state')).toBe('xyz');
    const code = location.searchParams.get('code')!;

    const created = await sendJson('POST', `${h.url}/phonecom/v4/oauth/access-token`, { grant_type: 'authorization_code', ...CLIENT, code, redirect_uri: REDIRECT });
    expect(created.status).toBe(201);
    expect(created.body).toEqual({ access_token: expect.any(String), token_type: 'Bearer', scope: 'account-owner', refresh_token: expect.any(String), expires_in: 3600 });
    const auth = { headers: { authorization: `Bearer ${created.body.access_token}` } };

    const details = await getJson(`${h.url}/phonecom/v4/oauth/access-token`, auth);
    expect(details.status).toBe(200);
    expect(details.body).toEqual({ scope: 'account-owner', expires_at: expect.any(Number), scope_details: [{ voip_id: 1001 }] });
    expect(details.body.expires_at).toBeGreaterThan(Date.now() / 1000);

    expect((await getJson(`${h.url}/phonecom/v4/accounts/1001`, auth)).body).toMatchObject({ id: 1001, username: 'alice' });
    const extensions = await getJson(`${h.url}/phonecom/v4/accounts/1001/extensions`, auth);
    expect(extensions.body).toMatchObject({ total: 3, offset: 0, items: expect.any(Array) });

    const refreshed = await sendJson('POST', `${h.url}/phonecom/v4/oauth/access-token`, { grant_type: 'refresh_token', ...CLIENT, refresh_token: created.body.refresh_token });
    expect(refreshed.status).toBe(201);
    expect(refreshed.body.access_token).not.toBe(created.body.access_token);
    expect((await getJson(`${h.url}/phonecom/v4/oauth/access-token`, { headers: { authorization: `Bearer ${refreshed.body.access_token}` } })).status).toBe(200);
  });

  it('implicit grant (response_type=token) returns the token in the fragment', async () => {
    const q = new URLSearchParams({ client_id: CLIENT.client_id, response_type: 'token', scope: 'extension-user', redirect_uri: REDIRECT, state: 's1' });
    const location = await signIn(`${h.url}/phonecom/v4/oauth/authorization?${q}`, ALICE);
    const fragment = new URLSearchParams(location.hash.slice(1));
    expect(location.search).toBe('');
    expect(fragment.get('access_token')).toEqual(expect.any(String));
    expect(fragment.get('state')).toBe('s1');
  });
});
