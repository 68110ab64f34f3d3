import { CalcomAdapter } from '../../../src/providers/adapters/calcom.adapter.js';
import { startHarness, type Harness } from '../sandbox/sandbox-harness.js';
import { TEST_CLIENTS, TEST_REDIRECT_URI, counters, loginAndExchange, loginForCode, sandboxProvider, upstreamFailure } from './helpers/sandbox-providers.js';

// Cal.com: code in Authorization: Bearer, secret header on refresh, epoch-ms expiries, rotation, no state.
let harness: Harness;
let adapter: CalcomAdapter;
const CLIENT_ID = TEST_CLIENTS.calcom.clientId;

beforeAll(async () => {
  harness = await startHarness();
  adapter = new CalcomAdapter(sandboxProvider('calcom', harness.url, { scopes: ['READ_PROFILE'] }));
});
afterAll(() => harness.close());

describe('Cal.com adapter', () => {
  it("points the browser at the sandbox's login page for this client", async () => {
    const url = new URL(await adapter.authorizationUrl({ state: 's', codeChallenge: 'x'.repeat(43), redirectUri: TEST_REDIRECT_URI }));
    expect(url.pathname).toBe(`/calcom/v2/oauth/${CLIENT_ID}/authorize`);
    expect(url.searchParams.get('redirectUri')).toBe(TEST_REDIRECT_URI);
    expect(adapter.capabilities).toMatchObject({ echoesState: false, rotatesRefreshTokens: true, revoke: false, tokenInfo: true });
  });

  it('gets a code back without state and exchanges it; expiries come from epoch milliseconds', async () => {
    const { callback, code, verifier } = await loginForCode(adapter);
    expect(callback.searchParams.has('state')).toBe(false);
    const tokens = await adapter.exchangeCode({ code, codeVerifier: verifier, redirectUri: TEST_REDIRECT_URI });
    const hour = 3_600_000;
    expect(Math.abs(tokens.expiresAt!.getTime() - (Date.now() + hour))).toBeLessThan(60_000);
    expect(tokens.refreshExpiresAt!.getTime()).toBeGreaterThan(Date.now() + 300 * 24 * hour);
    expect(tokens.scopes).toEqual(['READ_PROFILE']);
  });

  it('reads identity and token info from /v2/me', async () => {
    const tokens = await loginAndExchange(adapter);
    expect(await adapter.identity(tokens)).toEqual({ subject: '1001', displayName: 'Alice Example', email: 'alice@example.test' });
    expect(await adapter.tokenInfo(tokens.accessToken)).toMatchObject({ active: true, userId: 1001 });
    expect((await upstreamFailure(() => adapter.tokenInfo('unknown-token'))).failure).toBe('unauthorized');
  });

  it('rotates on refresh; the old refresh token then answers 400 Invalid refresh token -> invalid_grant', async () => {
    const tokens = await loginAndExchange(adapter);
    const before = (await counters(harness.url, 'calcom', CLIENT_ID)).refresh ?? 0;
    const renewed = await adapter.refresh(tokens.refreshToken!);
    expect(renewed.refreshToken).not.toBe(tokens.refreshToken);
    expect((await counters(harness.url, 'calcom', CLIENT_ID)).refresh).toBe(before + 1);
    const error = await upstreamFailure(() => adapter.refresh(tokens.refreshToken!));
    expect(error).toMatchObject({ failure: 'invalid_grant', upstreamStatus: 400 });
  });

  it('maps a bad code to invalid_grant and a wrong secret to invalid_client', async () => {
    expect((await upstreamFailure(() => adapter.exchangeCode({ code: 'bogus', codeVerifier: 'v', redirectUri: TEST_REDIRECT_URI }))).failure).toBe('invalid_grant');
    const wrong = new CalcomAdapter(sandboxProvider('calcom', harness.url, {}, 'wrong'));
    expect((await upstreamFailure(() => wrong.refresh('anything'))).failure).toBe('invalid_client');
  });

  it('refuses revocation (none documented)', async () => {
    expect((await upstreamFailure(() => adapter.revoke({ accessToken: 'a' }))).failure).toBe('not_supported');
  });
});
