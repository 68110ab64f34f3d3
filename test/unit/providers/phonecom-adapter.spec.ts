import { PhoneComAdapter } from '../../../src/providers/adapters/phonecom.adapter.js';
import { startHarness, type Harness } from '../sandbox/sandbox-harness.js';
import { TEST_CLIENTS, TEST_REDIRECT_URI, counters, loginAndExchange, sandboxProvider, upstreamFailure } from './helpers/sandbox-providers.js';

// Phone.com: JSON token requests answered 201, non-rotating refresh, token details as token info and identity.
let harness: Harness;
let adapter: PhoneComAdapter;
const CLIENT_ID = TEST_CLIENTS.phonecom.clientId;

beforeAll(async () => {
  harness = await startHarness();
  adapter = new PhoneComAdapter(sandboxProvider('phonecom', harness.url, { grants: { password: true, clientCredentials: true } }));
});
afterAll(() => harness.close());

describe('Phone.com adapter', () => {
  it('builds the authorization URL with space-separated scopes', async () => {
    const url = new URL(await adapter.authorizationUrl({ state: 's', codeChallenge: 'x'.repeat(43), redirectUri: TEST_REDIRECT_URI }));
    expect(url.pathname).toBe('/phonecom/v4/oauth/authorization');
    expect(Object.fromEntries(url.searchParams)).toMatchObject({ client_id: CLIENT_ID, response_type: 'code', scope: 'account-owner', state: 's' });
  });

  it('exchanges a code (201), reads token details and the identity', async () => {
    const tokens = await loginAndExchange(adapter);
    expect(tokens.scopes).toEqual(['account-owner']);
    expect(tokens.refreshToken).toEqual(expect.any(String));
    const info = await adapter.tokenInfo(tokens.accessToken);
    expect(info).toMatchObject({ scope: 'account-owner', scope_details: [{ voip_id: 1001 }] });
    expect(await adapter.identity(tokens)).toEqual({ subject: '1001', displayName: 'Alice Example', email: 'alice@example.test' });
  });

  it('refreshes without rotation: the same refresh token keeps working', async () => {
    const tokens = await loginAndExchange(adapter);
    const first = await adapter.refresh(tokens.refreshToken!);
    const second = await adapter.refresh(tokens.refreshToken!);
    expect(first.refreshToken).toBe(tokens.refreshToken);
    expect(second.accessToken).not.toBe(first.accessToken);
    expect(adapter.capabilities.rotatesRefreshTokens).toBe(false);
  });

  it('maps RFC 6749 errors: bad code -> invalid_grant, bad secret -> invalid_client', async () => {
    const bad = await upstreamFailure(() => adapter.exchangeCode({ code: 'bogus', codeVerifier: 'v'.repeat(43), redirectUri: TEST_REDIRECT_URI }));
    expect(bad).toMatchObject({ failure: 'invalid_grant', upstreamStatus: 401 });
    const wrong = new PhoneComAdapter(sandboxProvider('phonecom', harness.url, {}, 'wrong'));
    expect((await upstreamFailure(() => wrong.refresh('x'))).failure).toBe('invalid_client');
  });

  it("maps the '@error' shape: an unknown token on token info -> unauthorized", async () => {
    const error = await upstreamFailure(() => adapter.tokenInfo('bogus'));
    expect(error).toMatchObject({ failure: 'unauthorized', upstreamStatus: 401 });
    expect(error.message).toContain('Unauthorized');
  });

  it('password and client credentials grants work when enabled', async () => {
    const before = (await counters(harness.url, 'phonecom', CLIENT_ID)).client_credentials ?? 0;
    expect((await adapter.identity(await adapter.passwordGrant('bob', 'bob-password'))).subject).toBe('1002');
    expect((await adapter.clientCredentials()).accessToken).toEqual(expect.any(String));
    expect((await counters(harness.url, 'phonecom', CLIENT_ID)).client_credentials).toBe(before + 1);
    expect((await upstreamFailure(() => adapter.passwordGrant('bob', 'wrong'))).failure).toBe('invalid_grant');
  });
});
