import { GenesysAdapter } from '../../../src/providers/adapters/genesys.adapter.js';
import { startHarness, type Harness } from '../sandbox/sandbox-harness.js';
import { TEST_CLIENTS, TEST_REDIRECT_URI, counters, loginAndExchange, loginForCode, sandboxProvider, upstreamFailure } from './helpers/sandbox-providers.js';

// Genesys: form bodies with HTTP Basic, PKCE enforced by the sandbox, identity on the API host, no revocation.
let harness: Harness;
let adapter: GenesysAdapter;

beforeAll(async () => {
  harness = await startHarness();
  adapter = new GenesysAdapter(sandboxProvider('genesys', harness.url, { scopes: ['users:readonly'] }));
});
afterAll(() => harness.close());

describe('Genesys adapter', () => {
  it('builds a snake_case authorization URL on the login host with S256', async () => {
    const url = new URL(await adapter.authorizationUrl({ state: 's', codeChallenge: 'x'.repeat(43), redirectUri: TEST_REDIRECT_URI }));
    expect(url.pathname).toBe('/genesys/login/oauth/authorize');
    expect(Object.fromEntries(url.searchParams)).toMatchObject({
      client_id: TEST_CLIENTS.genesys.clientId,
      response_type: 'code',
      scope: 'users:readonly',
      code_challenge_method: 'S256',
    });
  });

  it('exchanges a code (Basic + verifier) and names the user from /api/v2/users/me', async () => {
    const tokens = await loginAndExchange(adapter);
    expect(tokens.refreshToken).toEqual(expect.any(String));
    expect(tokens.scopes).toEqual(['users:readonly']);
    expect(tokens.expiresAt!.getTime()).toBeGreaterThan(Date.now());
    expect(await adapter.identity(tokens)).toEqual({ subject: '00000000-0000-4000-8000-0000000003e9', displayName: 'Alice Example', email: 'alice@example.test' });
  });

  it('fails the exchange when the verifier does not match (PKCE is really checked)', async () => {
    const { code } = await loginForCode(adapter);
    const error = await upstreamFailure(() => adapter.exchangeCode({ code, codeVerifier: 'w'.repeat(43), redirectUri: TEST_REDIRECT_URI }));
    expect(error.failure).toBe('invalid_grant');
  });

  it('refreshes with rotation and maps a replayed refresh token to invalid_grant', async () => {
    const tokens = await loginAndExchange(adapter);
    const before = (await counters(harness.url, 'genesys', TEST_CLIENTS.genesys.clientId)).refresh ?? 0;
    const renewed = await adapter.refresh(tokens.refreshToken!);
    expect(renewed.refreshToken).not.toBe(tokens.refreshToken);
    expect((await counters(harness.url, 'genesys', TEST_CLIENTS.genesys.clientId)).refresh).toBe(before + 1);
    expect((await upstreamFailure(() => adapter.refresh(tokens.refreshToken!))).failure).toBe('invalid_grant');
  });

  it('declares no revocation and no token info, and refuses them with not_supported', async () => {
    expect(adapter.capabilities).toMatchObject({ revoke: false, tokenInfo: false, pkce: true, echoesState: true, refresh: true });
    expect((await upstreamFailure(() => adapter.revoke({ accessToken: 'a' }))).status).toBe(409);
    expect((await upstreamFailure(() => adapter.tokenInfo('a'))).failure).toBe('not_supported');
  });

  it('maps a rejected access token on the API host to unauthorized', async () => {
    expect((await upstreamFailure(() => adapter.identity({ accessToken: 'bogus', scopes: [] }))).failure).toBe('unauthorized');
  });

  it('maps a wrong secret to invalid_client', async () => {
    const wrong = new GenesysAdapter(sandboxProvider('genesys', harness.url, {}, 'nope'));
    expect((await upstreamFailure(() => wrong.refresh('whatever'))).failure).toBe('invalid_client');
  });

  it('gets an app token with client credentials from the service client', async () => {
    const service = new GenesysAdapter(
      sandboxProvider('genesys', harness.url, { clientId: '0c0ffee0-0000-4000-8000-000000000003', grants: { clientCredentials: true } }, 'genesys-service-secret'),
    );
    const tokens = await service.clientCredentials();
    expect(tokens.refreshToken).toBeUndefined();
    expect((await counters(harness.url, 'genesys', '0c0ffee0-0000-4000-8000-000000000003')).client_credentials).toBe(1);
    // The code-grant client is not allowed this grant upstream: a configuration problem.
    const codeClient = new GenesysAdapter(sandboxProvider('genesys', harness.url, { grants: { clientCredentials: true } }));
    expect((await upstreamFailure(() => codeClient.clientCredentials())).failure).toBe('invalid_client');
  });
});
