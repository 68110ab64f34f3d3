import { launchOidcProvider, type LaunchedOidcProvider } from '../../../src/sandbox/oidc/launch-oidc-provider.js';
import { basicAuth, ManualBrowser, parseForm, pkcePair } from './helpers/manual-browser.js';

// The generic upstream, driven with plain fetch exactly as a browser and a
// confidential client would: no BFF involved.
const CLIENT = { client_id: 'bff-client', client_secret: 'bff-secret', redirect_uris: ['http://127.0.0.1:9/callback'] };
const REDIRECT_URI = CLIENT.redirect_uris[0];
const ACCESS_TOKEN_TTL = 120;

interface Discovery {
  issuer: string;
  authorization_endpoint: string;
  token_endpoint: string;
  userinfo_endpoint: string;
  introspection_endpoint: string;
  revocation_endpoint: string;
  registration_endpoint: string;
  code_challenge_methods_supported: string[];
  authorization_response_iss_parameter_supported: boolean;
}

let provider: LaunchedOidcProvider;
let discovery: Discovery;

beforeAll(async () => {
  provider = await launchOidcProvider({ clients: [CLIENT], accessTokenTtlSeconds: ACCESS_TOKEN_TTL });
  discovery = (await (await fetch(`${provider.issuer}/.well-known/openid-configuration`)).json()) as Discovery;
});

afterAll(async () => {
  await provider?.stop();
});

function authorizeUrl(params: Record<string, string>): string {
  const base = { client_id: CLIENT.client_id, redirect_uri: REDIRECT_URI, response_type: 'code', scope: 'openid email', state: 'st-1' };
  return `${discovery.authorization_endpoint}?${new URLSearchParams({ ...base, ...params })}`;
}

/** Logs in and consents through oidc-provider's interaction forms; returns the callback URL. */
async function loginAndConsent(browser: ManualBrowser, url: string): Promise<URL> {
  let step = await browser.follow(await browser.get(url), REDIRECT_URI, url);
  for (let pages = 0; step.kind === 'page'; pages++) {
    if (pages > 3) throw new Error('stuck on interaction pages');
    const form = parseForm(await step.response.text(), step.url);
    const fields = form.hidden.prompt === 'login' ? { ...form.hidden, login: 'alice', password: 'any' } : form.hidden;
    step = await browser.follow(await browser.postForm(form.action, fields), REDIRECT_URI, form.action);
  }
  return step.url;
}

async function tokenRequest(fields: Record<string, string>): Promise<Response> {
  return fetch(discovery.token_endpoint, {
    method: 'POST',
    headers: { authorization: basicAuth(CLIENT.client_id, CLIENT.client_secret), 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams(fields).toString(),
  });
}

async function codeGrantTokens(): Promise<{ access_token: string; refresh_token: string; replay: () => Promise<Response> }> {
  const { verifier, challenge } = pkcePair();
  const callback = await loginAndConsent(new ManualBrowser(), authorizeUrl({ code_challenge: challenge, code_challenge_method: 'S256' }));
  const fields = { grant_type: 'authorization_code', code: callback.searchParams.get('code')!, redirect_uri: REDIRECT_URI, code_verifier: verifier };
  const response = await tokenRequest(fields);
  expect(response.status).toBe(200);
  const tokens = (await response.json()) as { access_token: string; refresh_token: string };
  return { ...tokens, replay: () => tokenRequest(fields) };
}

describe('oidc-provider launcher (generic upstream)', () => {
  it('publishes discovery with S256 PKCE, RFC 9207 iss and every endpoint the BFF uses', () => {
    expect(discovery.issuer).toBe(provider.issuer);
    expect(provider.issuer).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(discovery.code_challenge_methods_supported).toEqual(['S256']);
    expect(discovery.authorization_response_iss_parameter_supported).toBe(true);
    for (const endpoint of ['userinfo_endpoint', 'introspection_endpoint', 'revocation_endpoint', 'registration_endpoint'] as const) {
      expect(discovery[endpoint]).toMatch(new RegExp(`^${provider.issuer}/`));
    }
  });

  it('rejects an authorization request without a PKCE challenge', async () => {
    const browser = new ManualBrowser();
    const step = await browser.follow(await browser.get(authorizeUrl({})), REDIRECT_URI, authorizeUrl({}));
    expect(step.kind).toBe('callback');
    const callback = (step as { url: URL }).url;
    expect(callback.searchParams.get('error')).toBe('invalid_request');
    expect(callback.searchParams.get('iss')).toBe(provider.issuer);
  });

  it('runs the full code + PKCE flow: login, consent, token, refresh, userinfo, introspection, revocation', async () => {
    const { verifier, challenge } = pkcePair();
    const callback = await loginAndConsent(new ManualBrowser(), authorizeUrl({ code_challenge: challenge, code_challenge_method: 'S256' }));
    expect(callback.searchParams.get('state')).toBe('st-1');
    expect(callback.searchParams.get('iss')).toBe(provider.issuer);
    const code = callback.searchParams.get('code')!;
    expect(code).toBeTruthy();

    const wrongVerifier = await tokenRequest({ grant_type: 'authorization_code', code, redirect_uri: REDIRECT_URI, code_verifier: pkcePair().verifier });
    expect(wrongVerifier.status).toBe(400);
    expect(await wrongVerifier.json()).toMatchObject({ error: 'invalid_grant' });

    const exchanged = await tokenRequest({ grant_type: 'authorization_code', code, redirect_uri: REDIRECT_URI, code_verifier: verifier });
    expect(exchanged.status).toBe(200);
    const tokens = (await exchanged.json()) as Record<string, unknown>;
    expect(tokens).toMatchObject({ token_type: 'Bearer', expires_in: ACCESS_TOKEN_TTL, scope: 'openid email' });
    expect(typeof tokens.access_token).toBe('string');
    expect(typeof tokens.refresh_token).toBe('string');
    expect(typeof tokens.id_token).toBe('string');

    const refreshed = await tokenRequest({ grant_type: 'refresh_token', refresh_token: tokens.refresh_token as string });
    expect(refreshed.status).toBe(200);
    const renewed = (await refreshed.json()) as { access_token: string; refresh_token: string; expires_in: number };
    expect(renewed.access_token).not.toBe(tokens.access_token);
    expect(renewed.expires_in).toBe(ACCESS_TOKEN_TTL);

    const userinfo = await fetch(discovery.userinfo_endpoint, { headers: { authorization: `Bearer ${renewed.access_token}` } });
    expect(userinfo.status).toBe(200);
    expect(await userinfo.json()).toEqual({ sub: 'alice', email: 'alice@example.test', email_verified: true });

    const introspect = (token: string) =>
      fetch(discovery.introspection_endpoint, {
        method: 'POST',
        headers: { authorization: basicAuth(CLIENT.client_id, CLIENT.client_secret), 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({ token }).toString(),
      }).then((r) => r.json() as Promise<Record<string, unknown>>);
    expect(await introspect(renewed.access_token)).toMatchObject({ active: true, client_id: CLIENT.client_id, sub: 'alice', iss: provider.issuer });

    const revoked = await fetch(discovery.revocation_endpoint, {
      method: 'POST',
      headers: { authorization: basicAuth(CLIENT.client_id, CLIENT.client_secret), 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ token: renewed.access_token, token_type_hint: 'access_token' }).toString(),
    });
    expect(revoked.status).toBe(200);
    expect(await introspect(renewed.access_token)).toEqual({ active: false });
  });

  it('rejects a token request with a wrong client secret as invalid_client', async () => {
    const response = await fetch(discovery.token_endpoint, {
      method: 'POST',
      headers: { authorization: basicAuth(CLIENT.client_id, 'wrong'), 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ grant_type: 'refresh_token', refresh_token: 'x' }).toString(),
    });
    expect(response.status).toBe(401);
    expect(await response.json()).toMatchObject({ error: 'invalid_client' });
  });

  it('issues a refresh token that revocation then invalidates', async () => {
    const tokens = await codeGrantTokens();
    const revoked = await fetch(discovery.revocation_endpoint, {
      method: 'POST',
      headers: { authorization: basicAuth(CLIENT.client_id, CLIENT.client_secret), 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ token: tokens.refresh_token }).toString(),
    });
    expect(revoked.status).toBe(200);
    const refresh = await tokenRequest({ grant_type: 'refresh_token', refresh_token: tokens.refresh_token });
    expect(refresh.status).toBe(400);
    expect(await refresh.json()).toMatchObject({ error: 'invalid_grant' });
  });

  it('rejects a reused code and revokes the tokens already issued from it', async () => {
    const tokens = await codeGrantTokens();
    const replayed = await tokens.replay();
    expect(replayed.status).toBe(400);
    expect(await replayed.json()).toMatchObject({ error: 'invalid_grant' });
    const refresh = await tokenRequest({ grant_type: 'refresh_token', refresh_token: tokens.refresh_token });
    expect(refresh.status).toBe(400);
  });

  it('registers a client dynamically (RFC 7591) and reads it back with its registration access token (RFC 7592)', async () => {
    const metadata = { redirect_uris: ['http://127.0.0.1:9/other'], client_name: 'dynamic', grant_types: ['authorization_code', 'refresh_token'] };
    const created = await fetch(discovery.registration_endpoint, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(metadata),
    });
    expect(created.status).toBe(201);
    const client = (await created.json()) as Record<string, string>;
    expect(client).toMatchObject({ client_name: 'dynamic', redirect_uris: metadata.redirect_uris });
    expect(client.client_id).toBeTruthy();
    expect(client.client_secret).toBeTruthy();
    expect(client.registration_client_uri).toBe(`${discovery.registration_endpoint}/${client.client_id}`);

    const read = await fetch(client.registration_client_uri, { headers: { authorization: `Bearer ${client.registration_access_token}` } });
    expect(read.status).toBe(200);
    expect(await read.json()).toMatchObject({ client_id: client.client_id, client_name: 'dynamic' });

    const unauthorized = await fetch(client.registration_client_uri, { headers: { authorization: 'Bearer not-the-token' } });
    expect(unauthorized.status).toBe(401);
  });
});
