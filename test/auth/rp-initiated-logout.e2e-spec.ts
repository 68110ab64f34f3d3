import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { decodeJwt } from 'jose';
import { Redis } from 'ioredis';
import { browserLogin, ManualBrowser } from '../support/browser.js';
import { OIDC_CLIENT, startOidcStandardsStack, type OidcStandardsStack } from '../support/oidc-standards-stack.js';
import { parseForm } from '../unit/sandbox/helpers/manual-browser.js';

// OIDC RP-Initiated Logout 1.0 against oidc-provider: the BFF ends its session, hands the
// app the provider's end-session URL with the ID token as hint, and the provider's
// redirect comes back to the app's return path.

const SESSION = '__Host-bff_session';

describe('RP-initiated logout', () => {
  let stack: OidcStandardsStack;
  beforeAll(async () => {
    stack = await startOidcStandardsStack({
      oidc: {},
      clientMetadata: (urls) => ({ post_logout_redirect_uris: urls.map((u) => `${u}/v1/auth/${OIDC_CLIENT.id}/logout/return`) }),
    });
  }, 60_000);
  afterAll(async () => stack?.close());

  const bff = (path: string) => `${stack.bff.url}${path}`;
  const cookieWrite = { 'X-CSRF': '1', Origin: '' };

  async function loggedIn(username: string): Promise<ManualBrowser> {
    const browser = new ManualBrowser();
    expect((await browserLogin(browser, stack.bff.url, OIDC_CLIENT.id, { username, password: 'any' })).status).toBe(302);
    return browser;
  }

  function upstreamLogout(browser: ManualBrowser, query = '?returnTo=/bye'): Promise<Response> {
    return browser.request(bff(`/v1/auth/${OIDC_CLIENT.id}/logout${query}`), { method: 'POST', headers: { ...cookieWrite, Origin: stack.bff.config.http.publicUrl } });
  }

  it('ends the local session, reaches the provider with id_token_hint and returns to the app', async () => {
    const browser = await loggedIn('frank');
    const session = browser.cookie(SESSION)!;
    // The ID token is kept sealed (token cipher envelope), never as a readable JWT.
    const redis = new Redis(stack.bff.config.redis.url as string);
    try {
      const keys = await redis.keys(`${stack.bff.config.redis.keyPrefix}upstream-login:*`);
      expect(keys).toHaveLength(1);
      const stored = (await redis.get(keys[0]))!;
      expect(stored).toMatch(/"idToken":"v1\./);
      expect(stored).not.toMatch(/eyJ/);
    } finally {
      redis.disconnect();
    }

    const res = await upstreamLogout(browser);
    expect(res.status).toBe(200);
    expect(res.headers.get('cache-control')).toBe('no-store');
    const { endSessionUrl } = (await res.json()) as { endSessionUrl: string };
    const url = new URL(endSessionUrl);
    expect(url.origin + url.pathname).toBe(`${stack.issuer}/session/end`);
    expect(url.searchParams.get('client_id')).toBe(OIDC_CLIENT.clientId);
    expect(url.searchParams.get('post_logout_redirect_uri')).toBe(bff(`/v1/auth/${OIDC_CLIENT.id}/logout/return`));
    expect(decodeJwt(url.searchParams.get('id_token_hint')!)).toMatchObject({ sub: 'frank', aud: OIDC_CLIENT.clientId, iss: stack.issuer });
    const state = url.searchParams.get('state')!;
    expect(state).toMatch(/^[A-Za-z0-9_-]{43}$/);
    // The local session is over before the browser even goes to the provider.
    expect((await fetch(bff('/v1/auth/me'), { headers: { cookie: `${SESSION}=${session}` } })).status).toBe(401);

    // At the provider: its confirmation page, then the redirect to our registered return URL.
    const page = await browser.get(endSessionUrl);
    expect(page.status).toBe(200);
    const form = parseForm(await page.text(), endSessionUrl);
    const confirmed = await browser.postForm(form.action, { ...form.hidden, logout: 'yes' });
    expect(confirmed.status).toBe(303);
    const back = new URL(confirmed.headers.get('location')!);
    expect(back.origin + back.pathname).toBe(bff(`/v1/auth/${OIDC_CLIENT.id}/logout/return`));
    expect(back.searchParams.get('state')).toBe(state);
    const landed = await browser.get(back.toString());
    expect(landed.status).toBe(302);
    expect(landed.headers.get('location')).toBe('/bye');
    // The state is single use; a replayed return lands on the app root.
    expect((await browser.get(back.toString())).headers.get('location')).toBe('/');
  });

  it('a foreign returnTo falls back to /, and a made-up state on the return lands on /', async () => {
    const browser = await loggedIn('grace');
    const res = await upstreamLogout(browser, `?returnTo=${encodeURIComponent('https://evil.example/x')}`);
    const { endSessionUrl } = (await res.json()) as { endSessionUrl: string };
    const state = new URL(endSessionUrl).searchParams.get('state')!;
    const landed = await fetch(bff(`/v1/auth/${OIDC_CLIENT.id}/logout/return?state=${state}`), { redirect: 'manual' });
    expect(landed.headers.get('location')).toBe('/');
    const forged = await fetch(bff(`/v1/auth/${OIDC_CLIENT.id}/logout/return?state=${'x'.repeat(43)}`), { redirect: 'manual' });
    expect(forged.status).toBe(302);
    expect(forged.headers.get('location')).toBe('/');
  });

  it('needs a session and the CSRF header like any cookie write', async () => {
    const browser = await loggedIn('heidi');
    const noCsrf = await browser.request(bff(`/v1/auth/${OIDC_CLIENT.id}/logout`), { method: 'POST' });
    expect(noCsrf.status).toBe(403);
    expect(((await noCsrf.json()) as { code: string }).code).toBe('csrf_rejected');
    const anonymous = await fetch(bff(`/v1/auth/${OIDC_CLIENT.id}/logout`), { method: 'POST' });
    expect(anonymous.status).toBe(401);
  });
});
