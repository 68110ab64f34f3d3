import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { createHash, randomBytes } from 'node:crypto';
import { ALICE, getJson, sendJson, signIn, startHarness, type Harness } from './sandbox-harness.js';

/** A full BlueJeans code flow with plain fetch: page, form post, redirect, exchange, refresh, revoke. */
const CLIENT_ID = 'bluejeans-test-client-0000000002';
const CLIENT_SECRET = 'bluejeans-test-secret';
const REDIRECT = 'http://127.0.0.1/cb';

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(() => h.close());

function authorizeUrl(extra: Record<string, string> = {}): string {
  const q = new URLSearchParams({ clientId: CLIENT_ID, redirectUri: REDIRECT, state: 'st-123', scope: 'user_info,list_meetings', responseType: 'code', ...extra });
  return `${h.url}/bluejeans/oauth2/authorize?${q}`;
}

describe('BlueJeans code flow', () => {
  it('signs in, exchanges, calls the API, refreshes and revokes', async () => {
    const location = await signIn(authorizeUrl(), ALICE);
    expect(`${location.origin}${location.pathname}`).toBe(REDIRECT);
    expect(location.searchParams.get('state')).toBe('st-123');
    const code = location.searchParams.get('code')!;
    expect(code).toMatch(/^[A-Za-z0-9_-]{43}$/);

    const exchanged = await sendJson('POST', `${h.url}/bluejeans/oauth2/token?Code`, {
      grant_type: 'authorization_code', client_id: CLIENT_ID, client_secret: CLIENT_SECRET, redirectUri: REDIRECT, code,
    });
    expect(exchanged.status).toBe(200);
    expect(exchanged.body).toEqual({
      access_token: expect.any(String),
      refresh_token: expect.any(String),
      expires_in: 3600,
      scope: {
        user: 1001,
        appPermissions: [
          { method: 'GET', allowedRegex: '^/v1/user/1001$' },
          { method: 'GET', allowedRegex: '^/v1/user/1001/scheduled_meeting.*' },
        ],
        partitionName: 'z1',
        partition: { id: 1, name: 'z1' },
        bearerPermissions: ['user_info', 'list_meetings'],
      },
    });

    const me = await getJson(`${h.url}/bluejeans/v1/user/1001?access_token=${exchanged.body.access_token}`);
    expect(me.status).toBe(200);
    expect(me.body).toMatchObject({ id: 1001, username: 'alice', emailId: 'alice@example.test' });

    const refreshed = await sendJson('POST', `${h.url}/bluejeans/oauth2/token?Refresh`, {
      grant_type: 'refresh_token', client_id: CLIENT_ID, client_secret: CLIENT_SECRET, refresh_token: exchanged.body.refresh_token,
    });
    expect(refreshed.status).toBe(200);
    expect(refreshed.body.scope.user).toBe(1001);
    expect(refreshed.body.access_token).not.toBe(exchanged.body.access_token);
    // The superseded access token no longer works.
    expect((await getJson(`${h.url}/bluejeans/oauth2/tokenInfo?access_token=${exchanged.body.access_token}`)).status).toBe(401);

    const revokeUrl = `${h.url}/bluejeans/oauth2/token?Revoke&access_token=${refreshed.body.access_token}`;
    const revoked = await fetch(revokeUrl, {
      method: 'DELETE', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ client_id: CLIENT_ID, client_secret: CLIENT_SECRET }),
    });
    expect(revoked.status).toBe(204);
    const again = await sendJson('DELETE', revokeUrl, { client_id: CLIENT_ID, client_secret: CLIENT_SECRET });
    expect(again).toMatchObject({ status: 400, body: { message: expect.any(String) } });
    // Revocation also kills the paired refresh token.
    const afterRevoke = await sendJson('POST', `${h.url}/bluejeans/oauth2/token`, {
      grant_type: 'refresh_token', client_id: CLIENT_ID, client_secret: CLIENT_SECRET, refresh_token: refreshed.body.refresh_token,
    });
    expect(afterRevoke.status).toBe(401);
  });

  it('verifies PKCE S256 when the authorization carried a code_challenge', async () => {
    const verifier = randomBytes(32).toString('base64url');
    const challenge = createHash('sha256').update(verifier).digest('base64url');
    const exchange = (code: string, codeVerifier?: string) =>
      sendJson('POST', `${h.url}/bluejeans/oauth2/token?Code`, {
        grant_type: 'authorization_code', client_id: CLIENT_ID, client_secret: CLIENT_SECRET, redirect_uri: REDIRECT, code,
        ...(codeVerifier ? { code_verifier: codeVerifier } : {}),
      });
    const pkce = { code_challenge: challenge, code_challenge_method: 'S256' };
    const wrong = (await signIn(authorizeUrl(pkce), ALICE)).searchParams.get('code')!;
    expect((await exchange(wrong, randomBytes(32).toString('base64url'))).status).toBe(401);
    const missing = (await signIn(authorizeUrl(pkce), ALICE)).searchParams.get('code')!;
    expect((await exchange(missing)).status).toBe(401);
    const right = (await signIn(authorizeUrl(pkce), ALICE)).searchParams.get('code')!;
    expect((await exchange(right, verifier)).status).toBe(200);
  });
});
