import { ManualBrowser, pkcePair } from './helpers/manual-browser.js';
import {
  api, authorizeUrl, CODE_CLIENT, control, REDIRECT_URI, SERVICE_CLIENT, signIn, startGenesysSandbox, tokenRequest, USERS, userTokens,
  type GenesysSandbox, type TokenSet,
} from './helpers/genesys-fixture.js';

// Genesys Cloud login host (`/genesys/login`), driven over HTTP against the real sandbox server.
let sandbox: GenesysSandbox;

beforeAll(async () => {
  sandbox = await startGenesysSandbox();
});
afterAll(async () => {
  await sandbox?.close();
});
afterEach(async () => {
  await control(sandbox, 'POST', '/reset');
});

const tokenErrorBody = (error: string) => ({ error, description: expect.any(String), error_description: expect.any(String) });

describe('Genesys login host: /oauth/authorize', () => {
  it('serves an HTML login form that carries the authorize parameters', async () => {
    const response = await fetch(authorizeUrl(sandbox, { code_challenge: 'c'.repeat(43), code_challenge_method: 'S256' }));
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^text\/html/);
    const html = await response.text();
    expect(html).toContain('action="/genesys/login/oauth/authorize"');
    expect(html).toContain(`name="client_id" value="${CODE_CLIENT.id}"`);
    expect(html).toContain('name="code_challenge_method" value="S256"');
    expect(html).toContain('name="password"');
  });

  it('answers an unknown client and an unregistered redirect_uri itself, never redirecting', async () => {
    const unknown = await fetch(authorizeUrl(sandbox, { client_id: 'nope' }), { redirect: 'manual' });
    expect(unknown.status).toBe(400);
    expect(await unknown.json()).toEqual(tokenErrorBody('invalid_client'));
    const badRedirect = await fetch(authorizeUrl(sandbox, { redirect_uri: 'http://127.0.0.1/cb/other' }), { redirect: 'manual' });
    expect(badRedirect.status).toBe(400);
    expect(badRedirect.headers.get('location')).toBeNull();
    expect(await badRedirect.json()).toEqual(tokenErrorBody('invalid_request'));
    // The client-credentials client registers no redirect URI, so nothing can be redirected to it.
    const serviceClient = await fetch(authorizeUrl(sandbox, { client_id: SERVICE_CLIENT.id }), { redirect: 'manual' });
    expect(serviceClient.status).toBe(400);
    expect(await serviceClient.json()).toEqual(tokenErrorBody('invalid_request'));
  });

  it.each([
    [{ response_type: 'token' }, 'unsupported_response_type'],
    [{ code_challenge: 'c'.repeat(43), code_challenge_method: 'plain' }, 'invalid_request'],
  ])('rejects %j with %s', async (params, error) => {
    const response = await fetch(authorizeUrl(sandbox, params), { redirect: 'manual' });
    expect(response.status).toBe(302);
    const location = new URL(response.headers.get('location')!);
    expect(`${location.origin}${location.pathname}`).toBe(REDIRECT_URI);
    expect(location.searchParams.get('error')).toBe(error);
    expect(location.searchParams.get('state')).toBe('xyz');
  });

  it('re-renders the form with an error for a wrong password and issues no code', async () => {
    const browser = new ManualBrowser();
    const posted = await browser.postForm(`${sandbox.login}/oauth/authorize`, {
      client_id: CODE_CLIENT.id, redirect_uri: REDIRECT_URI, response_type: 'code', state: 'xyz', username: 'alice', password: 'wrong',
    });
    expect(posted.status).toBe(401);
    expect(posted.headers.get('location')).toBeNull();
    expect(await posted.text()).toContain('Invalid username or password.');
  });
});

describe('Genesys login host: full code flow with PKCE', () => {
  it('signs in, exchanges the code, calls the API, refreshes with rotation and detects refresh reuse', async () => {
    const { verifier, challenge } = pkcePair();
    const callback = await signIn(sandbox, USERS.alice, { code_challenge: challenge, code_challenge_method: 'S256' });
    expect(callback.searchParams.get('state')).toBe('xyz');
    const code = callback.searchParams.get('code')!;
    expect(code.length).toBeGreaterThanOrEqual(43);

    const exchanged = await tokenRequest(sandbox, { grant_type: 'authorization_code', code, redirect_uri: REDIRECT_URI, code_verifier: verifier }, CODE_CLIENT);
    expect(exchanged.status).toBe(200);
    expect(exchanged.headers.get('cache-control')).toBe('no-store');
    const tokens = (await exchanged.json()) as TokenSet;
    expect(tokens).toEqual({ access_token: expect.any(String), token_type: 'bearer', expires_in: 86400, refresh_token: expect.any(String) });

    const me = await api(sandbox, tokens.access_token, 'GET', '/api/v2/users/me');
    expect(me.status).toBe(200);
    expect(await me.json()).toMatchObject({ name: 'Alice Example', email: 'alice@example.test', username: 'alice', state: 'active' });

    const refreshed = await tokenRequest(sandbox, { grant_type: 'refresh_token', refresh_token: tokens.refresh_token }, CODE_CLIENT);
    expect(refreshed.status).toBe(200);
    const renewed = (await refreshed.json()) as TokenSet;
    expect(renewed.refresh_token).not.toBe(tokens.refresh_token);
    expect(renewed.access_token).not.toBe(tokens.access_token);

    // Replaying the rotated refresh token revokes the whole family, including the renewed tokens.
    const replay = await tokenRequest(sandbox, { grant_type: 'refresh_token', refresh_token: tokens.refresh_token }, CODE_CLIENT);
    expect(replay.status).toBe(400);
    expect(await replay.json()).toEqual(tokenErrorBody('invalid_grant'));
    expect((await api(sandbox, renewed.access_token, 'GET', '/api/v2/users/me')).status).toBe(401);

    const counters = (await (await control(sandbox, 'GET', '/counters')).json()) as Record<string, Record<string, Record<string, number>>>;
    expect(counters.genesys[CODE_CLIENT.id]).toMatchObject({ authorize: 1, token: 1, refresh: 2, api: 1 });
  });

  it('lets a PKCE public client exchange and refresh with client_id in the body, and checks the verifier', async () => {
    const { verifier, challenge } = pkcePair();
    const callback = await signIn(sandbox, USERS.bob, { code_challenge: challenge, code_challenge_method: 'S256' });
    const code = callback.searchParams.get('code')!;
    const base = { grant_type: 'authorization_code', code, redirect_uri: REDIRECT_URI, client_id: CODE_CLIENT.id };

    const wrong = await tokenRequest(sandbox, { ...base, code_verifier: pkcePair().verifier });
    expect(wrong.status).toBe(400);
    expect(await wrong.json()).toEqual(tokenErrorBody('invalid_grant'));
    // Codes are single use: the failed attempt consumed it.
    const retried = await tokenRequest(sandbox, { ...base, code_verifier: verifier });
    expect(retried.status).toBe(400);

    const fresh = pkcePair();
    const second = await signIn(sandbox, USERS.bob, { code_challenge: fresh.challenge, code_challenge_method: 'S256' });
    const ok = await tokenRequest(sandbox, { ...base, code: second.searchParams.get('code')!, code_verifier: fresh.verifier });
    expect(ok.status).toBe(200);
    const tokens = (await ok.json()) as TokenSet;
    const refreshed = await tokenRequest(sandbox, { grant_type: 'refresh_token', refresh_token: tokens.refresh_token, client_id: CODE_CLIENT.id });
    expect(refreshed.status).toBe(200);
  });

  it('requires client authentication for a code issued without PKCE', async () => {
    const callback = await signIn(sandbox, USERS.alice);
    const fields = { grant_type: 'authorization_code', code: callback.searchParams.get('code')!, redirect_uri: REDIRECT_URI, client_id: CODE_CLIENT.id };
    const response = await tokenRequest(sandbox, fields);
    expect(response.status).toBe(401);
    expect(await response.json()).toEqual(tokenErrorBody('invalid_client'));
  });

  it('rejects a redirect_uri that differs from the one the code was issued for', async () => {
    const callback = await signIn(sandbox, USERS.alice);
    const fields = { grant_type: 'authorization_code', code: callback.searchParams.get('code')!, redirect_uri: `${REDIRECT_URI}/x` };
    const response = await tokenRequest(sandbox, fields, CODE_CLIENT);
    expect(response.status).toBe(400);
    expect(await response.json()).toEqual(tokenErrorBody('invalid_grant'));
  });
});

describe('Genesys login host: /oauth/token', () => {
  it('answers a wrong Basic secret with 401 invalid_client in the Genesys token error shape', async () => {
    const response = await tokenRequest(sandbox, { grant_type: 'client_credentials' }, { id: SERVICE_CLIENT.id, secret: 'wrong' });
    expect(response.status).toBe(401);
    expect(await response.json()).toEqual(tokenErrorBody('invalid_client'));
  });

  it('issues client-credentials tokens without a refresh token, only to clients allowed the grant', async () => {
    const response = await tokenRequest(sandbox, { grant_type: 'client_credentials' }, SERVICE_CLIENT);
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ access_token: expect.any(String), token_type: 'bearer', expires_in: 86400 });
    const refused = await tokenRequest(sandbox, { grant_type: 'client_credentials' }, CODE_CLIENT);
    expect(refused.status).toBe(400);
    expect(await refused.json()).toEqual(tokenErrorBody('unauthorized_client'));
  });

  it('answers an unknown grant type with unsupported_grant_type', async () => {
    const response = await tokenRequest(sandbox, { grant_type: 'password', username: 'alice', password: 'alice-password' }, CODE_CLIENT);
    expect(response.status).toBe(400);
    expect(await response.json()).toEqual(tokenErrorBody('unsupported_grant_type'));
  });

  it('honours the lifetimes knob: a 1-second token expires and the API then answers bad.credentials', async () => {
    await control(sandbox, 'PUT', '/lifetimes/genesys', { accessTokenSeconds: 1 });
    const tokens = await userTokens(sandbox, USERS.alice);
    expect(tokens.expires_in).toBe(1);
    await new Promise((resolve) => setTimeout(resolve, 1100));
    const me = await api(sandbox, tokens.access_token, 'GET', '/api/v2/users/me');
    expect(me.status).toBe(401);
    expect(await me.json()).toMatchObject({ code: 'bad.credentials', status: 401 });
  });

  it('applies injected faults: 429 with Retry-After on token, invalid_grant on refresh', async () => {
    const tokens = await userTokens(sandbox, USERS.alice);
    await control(sandbox, 'POST', '/faults', { provider: 'genesys', route: 'refresh', invalidGrant: true, times: 1 });
    const refused = await tokenRequest(sandbox, { grant_type: 'refresh_token', refresh_token: tokens.refresh_token }, CODE_CLIENT);
    expect(refused.status).toBe(400);
    expect(await refused.json()).toEqual(tokenErrorBody('invalid_grant'));

    await control(sandbox, 'POST', '/faults', { provider: 'genesys', route: 'token', status: 429, retryAfterSeconds: 7, times: 1 });
    const limited = await tokenRequest(sandbox, { grant_type: 'client_credentials' }, SERVICE_CLIENT);
    expect(limited.status).toBe(429);
    expect(limited.headers.get('retry-after')).toBe('7');
    expect(await limited.json()).toEqual(tokenErrorBody('rate_limited'));
    // times: 1 means the next call goes through.
    expect((await tokenRequest(sandbox, { grant_type: 'client_credentials' }, SERVICE_CLIENT)).status).toBe(200);
  });
});
