import { GenericAdapter } from '../../../src/providers/adapters/generic/generic.adapter.js';
import { parseProvidersDocument } from '../../../src/providers/config/load-providers.js';
import { launchOidcProvider, type LaunchedOidcProvider } from '../../../src/sandbox/oidc/launch-oidc-provider.js';
import { ManualBrowser, parseForm } from '../sandbox/helpers/manual-browser.js';
import { loaderContext, pkcePair, upstreamFailure } from './helpers/sandbox-providers.js';

// The generic adapter against panva's certified oidc-provider: discovery, PKCE,
// RFC 9207 iss, nonce + ID token verification, refresh, revocation, introspection.
const REDIRECT_URI = 'http://127.0.0.1:9/callback';
const CLIENT = { client_id: 'bff-generic', client_secret: 'generic-secret', redirect_uris: [REDIRECT_URI] };
let provider: LaunchedOidcProvider;
let adapter: GenericAdapter;

function generic(issuer: string, extra: Record<string, unknown> = {}, secret = CLIENT.client_secret): GenericAdapter {
  const entry = { id: 'idp', kind: 'generic', displayName: 'IdP', endpoints: { issuer }, clientId: CLIENT.client_id, clientSecretEnv: 'IDP_SECRET', redirectUri: REDIRECT_URI, scopes: ['openid', 'email'], ...extra };
  return new GenericAdapter(parseProvidersDocument({ providers: [entry] }, loaderContext({ IDP_SECRET: secret }))[0]);
}

beforeAll(async () => {
  provider = await launchOidcProvider({ clients: [CLIENT] });
  adapter = generic(provider.issuer);
});
afterAll(() => provider?.stop());

/** Logs in and consents on oidc-provider's interaction pages; returns the callback URL. */
async function login(nonce = 'n-1', state = 'st-1') {
  const pkce = pkcePair();
  const url = await adapter.authorizationUrl({ state, nonce, codeChallenge: pkce.challenge, redirectUri: REDIRECT_URI });
  const browser = new ManualBrowser();
  let step = await browser.follow(await browser.get(url), REDIRECT_URI, url);
  for (let pages = 0; step.kind === 'page' && pages < 4; pages++) {
    const form = parseForm(await step.response.text(), step.url);
    const fields = form.hidden.prompt === 'login' ? { ...form.hidden, login: 'alice', password: 'any' } : form.hidden;
    step = await browser.follow(await browser.postForm(form.action, fields), REDIRECT_URI, form.action);
  }
  if (step.kind !== 'callback') throw new Error('login did not reach the callback');
  return { callback: step.url, verifier: pkce.verifier, nonce };
}

async function loginTokens() {
  const { callback, verifier, nonce } = await login();
  return adapter.exchangeCode({ code: callback.searchParams.get('code')!, codeVerifier: verifier, redirectUri: REDIRECT_URI, nonce });
}

describe('generic (OIDC) adapter', () => {
  it('discovers the issuer and final capabilities (iss parameter, revocation, introspection)', async () => {
    expect(await adapter.issuer()).toBe(provider.issuer);
    expect(adapter.capabilities).toMatchObject({ issParameter: true, revoke: true, tokenInfo: true, pkce: true, refresh: true });
  });

  it('sends S256 PKCE and the nonce; the callback carries state and iss', async () => {
    const { callback } = await login();
    expect(callback.searchParams.get('state')).toBe('st-1');
    expect(callback.searchParams.get('iss')).toBe(await adapter.issuer());
    const url = new URL(await adapter.authorizationUrl({ state: 's', nonce: 'n', codeChallenge: 'c'.repeat(43), redirectUri: REDIRECT_URI }));
    expect(Object.fromEntries(url.searchParams)).toMatchObject({ code_challenge_method: 'S256', nonce: 'n', scope: 'openid email', response_type: 'code' });
  });

  it('exchanges the code, verifies the ID token and names the user from userinfo', async () => {
    const tokens = await loginTokens();
    expect(tokens.idToken).toEqual(expect.any(String));
    expect(tokens.scopes).toEqual(['openid', 'email']);
    expect(tokens.extra).toEqual({ subject: 'alice' });
    // Only openid + email were asked for, so no name claim comes back.
    expect(await adapter.identity(tokens)).toEqual({ subject: 'alice', email: 'alice@example.test' });
  });

  it('rejects an ID token whose nonce does not match the login', async () => {
    const { callback, verifier } = await login('real-nonce');
    const error = await upstreamFailure(() => adapter.exchangeCode({ code: callback.searchParams.get('code')!, codeVerifier: verifier, redirectUri: REDIRECT_URI, nonce: 'other' }));
    expect(error).toMatchObject({ failure: 'bad_response' });
    expect(error.message).toContain('nonce');
  });

  it('maps a wrong verifier (PKCE) to invalid_grant', async () => {
    const { callback } = await login();
    const error = await upstreamFailure(() => adapter.exchangeCode({ code: callback.searchParams.get('code')!, codeVerifier: pkcePair().verifier, redirectUri: REDIRECT_URI }));
    expect(error.failure).toBe('invalid_grant');
  });

  it('refreshes, introspects, then revokes so introspection says inactive and refresh fails', async () => {
    const tokens = await loginTokens();
    const renewed = await adapter.refresh(tokens.refreshToken!);
    expect(renewed.accessToken).not.toBe(tokens.accessToken);
    expect(renewed.refreshToken).toEqual(expect.any(String));
    expect(await adapter.tokenInfo(renewed.accessToken)).toMatchObject({ active: true, sub: 'alice', client_id: CLIENT.client_id });
    await adapter.revoke(renewed);
    expect(await adapter.tokenInfo(renewed.accessToken)).toEqual({ active: false });
    expect((await upstreamFailure(() => adapter.refresh(renewed.refreshToken!))).failure).toBe('invalid_grant');
  });

  it('maps a wrong client secret to invalid_client', async () => {
    const wrong = generic(provider.issuer, {}, 'not-the-secret');
    expect((await upstreamFailure(() => wrong.refresh('x'))).failure).toBe('invalid_client');
  });

  it('refuses metadata that names another issuer, and an unreachable issuer is unavailable', async () => {
    const mismatched = generic(`${provider.issuer}/`);
    expect((await upstreamFailure(() => mismatched.issuer())).message).toContain('different issuer');
    expect((await upstreamFailure(() => generic('http://127.0.0.1:9', { timeoutMs: 500 }).issuer())).failure).toBe('unavailable');
  });
});
