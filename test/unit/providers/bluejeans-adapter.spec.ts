import { BlueJeansAdapter } from '../../../src/providers/adapters/bluejeans.adapter.js';
import { startHarness, type Harness } from '../sandbox/sandbox-harness.js';
import { TEST_CLIENTS, TEST_REDIRECT_URI, counters, loginAndExchange, loginForCode, sandboxProvider, upstreamFailure } from './helpers/sandbox-providers.js';

// Contract test against the real sandbox: the adapter must speak BlueJeans'
// dialect (camelCase authorize, JSON token body, ?access_token=, scope object).
let harness: Harness;
let adapter: BlueJeansAdapter;
const CLIENT_ID = TEST_CLIENTS.bluejeans.clientId;

beforeAll(async () => {
  harness = await startHarness();
  adapter = new BlueJeansAdapter(sandboxProvider('bluejeans', harness.url, { scopes: ['user_info', 'list_meetings'], grants: { password: true, meeting: true, clientCredentials: true } }));
});
afterAll(() => harness.close());

describe('BlueJeans adapter', () => {
  it('builds a camelCase authorization URL with comma scopes and S256', async () => {
    const url = new URL(await adapter.authorizationUrl({ state: 's1', codeChallenge: 'c'.repeat(43), redirectUri: TEST_REDIRECT_URI }));
    expect(`${url.origin}${url.pathname}`).toBe(`${harness.url}/bluejeans/oauth2/authorize`);
    expect(Object.fromEntries(url.searchParams)).toEqual({
      clientId: CLIENT_ID,
      redirectUri: TEST_REDIRECT_URI,
      responseType: 'code',
      state: 's1',
      scope: 'user_info,list_meetings',
      code_challenge: 'c'.repeat(43),
      code_challenge_method: 'S256',
    });
  });

  it('exchanges a code for tokens with scopes, expiry and the user from the scope object', async () => {
    const { callback, code, verifier, state } = await loginForCode(adapter);
    expect(callback.searchParams.get('state')).toBe(state);
    const before = Date.now();
    const tokens = await adapter.exchangeCode({ code, codeVerifier: verifier, redirectUri: TEST_REDIRECT_URI });
    expect(tokens.refreshToken).toEqual(expect.any(String));
    expect(tokens.scopes.sort()).toEqual(['list_meetings', 'user_info']);
    expect(tokens.expiresAt!.getTime()).toBeGreaterThan(before + 60_000);
    expect(tokens.extra).toMatchObject({ user: 1001 });
    expect(JSON.stringify(tokens.extra)).not.toContain(tokens.accessToken);
  });

  it('reads token info and the identity (subject from scope.user, profile with user_info)', async () => {
    const tokens = await loginAndExchange(adapter);
    expect(await adapter.tokenInfo(tokens.accessToken)).toEqual({ user: 1001 });
    expect(await adapter.identity(tokens)).toEqual({ subject: '1001', displayName: 'Alice Example', email: 'alice@example.test' });
    // Without the scope object's user, the subject comes from tokenInfo.
    expect((await adapter.identity({ ...tokens, extra: {}, scopes: [] })).subject).toBe('1001');
  });

  it('refreshes into a new pair and the old refresh token stops working', async () => {
    const tokens = await loginAndExchange(adapter);
    const renewed = await adapter.refresh(tokens.refreshToken!);
    expect(renewed.accessToken).not.toBe(tokens.accessToken);
    expect(renewed.refreshToken).not.toBe(tokens.refreshToken);
    expect((await upstreamFailure(() => adapter.refresh(tokens.refreshToken!))).failure).toBe('invalid_grant');
  });

  it('revokes with ?access_token and the client in the body; a second revoke is not an error', async () => {
    const tokens = await loginAndExchange(adapter);
    const before = (await counters(harness.url, 'bluejeans', CLIENT_ID)).revoke ?? 0;
    await adapter.revoke(tokens);
    await adapter.revoke(tokens);
    expect((await counters(harness.url, 'bluejeans', CLIENT_ID)).revoke).toBe(before + 2);
    expect((await upstreamFailure(() => adapter.tokenInfo(tokens.accessToken))).failure).toBe('unauthorized');
  });

  it('maps a bad code (401) to invalid_grant without echoing the code', async () => {
    const error = await upstreamFailure(() => adapter.exchangeCode({ code: 'not-a-real-code-0123456789abcdef', codeVerifier: 'v'.repeat(43), redirectUri: TEST_REDIRECT_URI }));
    expect(error).toMatchObject({ failure: 'invalid_grant', upstreamStatus: 401, status: 401, code: 'upstream_invalid_grant' });
    expect(error.message).not.toContain('not-a-real-code');
  });

  it('maps a wrong client secret to invalid_client', async () => {
    const wrong = new BlueJeansAdapter(sandboxProvider('bluejeans', harness.url, {}, 'wrong-secret'));
    const { code, verifier } = await loginForCode(wrong);
    const error = await upstreamFailure(() => wrong.exchangeCode({ code, codeVerifier: verifier, redirectUri: TEST_REDIRECT_URI }));
    expect(error.failure).toBe('invalid_client');
    expect(error.message).not.toContain('wrong-secret');
  });
});

describe('BlueJeans legacy grants', () => {
  it('password grant yields a user token', async () => {
    const tokens = await adapter.passwordGrant('alice', 'alice-password');
    expect(tokens.refreshToken).toEqual(expect.any(String));
    expect((await adapter.identity(tokens)).subject).toBe('1001');
    expect((await upstreamFailure(() => adapter.passwordGrant('alice', 'nope'))).failure).toBe('invalid_grant');
  });

  it('meeting grant carries the meeting (moderator or not) and no refresh token', async () => {
    const moderator = await adapter.meetingGrant('1234567890', '4321');
    expect(moderator.refreshToken).toBeUndefined();
    expect(moderator.scopes).toEqual([]);
    expect(moderator.extra?.meeting).toMatchObject({ meetingNumericId: '1234567890', isModerator: true });
    expect((await adapter.meetingGrant('1234567890', '1234')).extra?.meeting).toMatchObject({ isModerator: false });
    expect(await adapter.identity(moderator)).toEqual({ subject: 'meeting:1234567890' });
    expect((await upstreamFailure(() => adapter.meetingGrant('1234567890', '0000'))).failure).toBe('invalid_grant');
  });

  it('client credentials yield an enterprise token', async () => {
    const tokens = await adapter.clientCredentials();
    expect(tokens.extra).toMatchObject({ enterprise: expect.anything() });
    expect((await adapter.identity(tokens)).subject).toMatch(/^enterprise:/);
  });

  it('refuses a grant the providers file did not enable (409 not_supported)', async () => {
    const plain = new BlueJeansAdapter(sandboxProvider('bluejeans', harness.url));
    const error = await upstreamFailure(() => plain.passwordGrant('alice', 'alice-password'));
    expect(error).toMatchObject({ failure: 'not_supported', status: 409 });
    expect(plain.capabilities).toMatchObject({ passwordGrant: false, meetingGrant: false, clientCredentials: false, revoke: true });
  });
});
