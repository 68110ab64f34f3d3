import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { browserLogin, ManualBrowser } from '../support/browser.js';
import { OIDC_CLIENT, startOidcStandardsStack, type OidcStandardsStack } from '../support/oidc-standards-stack.js';

// RFC 9126 pushed authorization requests against oidc-provider, with the client
// registered as `require_pushed_authorization_requests`: a plain authorize URL would be
// refused, so a completed login proves the parameters went over the back channel.

const SESSION = '__Host-bff_session';

describe('login with pushed authorization requests (PAR)', () => {
  let stack: OidcStandardsStack;
  beforeAll(async () => {
    stack = await startOidcStandardsStack({
      oidc: { par: true },
      clientMetadata: () => ({ require_pushed_authorization_requests: true }),
      // Same client, but its callback URL is not registered at the provider: the PAR endpoint refuses.
      extraProviders: [{ id: 'oidc-unregistered', displayName: 'OIDC (unregistered callback)' }],
    });
  }, 60_000);
  afterAll(async () => stack?.close());

  it('the provider list says PAR is used', async () => {
    const list = (await (await fetch(`${stack.bff.url}/v1/auth/providers`)).json()) as { id: string; capabilities: Record<string, boolean> }[];
    expect(list.find((p) => p.id === OIDC_CLIENT.id)?.capabilities).toMatchObject({ par: true, dpop: false, backchannelLogout: false });
  });

  it('the browser carries only client_id and request_uri, and the login completes', async () => {
    const browser = new ManualBrowser();
    const start = await browser.get(`${stack.bff.url}/v1/auth/${OIDC_CLIENT.id}/login?returnTo=/par`);
    expect(start.status).toBe(302);
    const authorize = new URL(start.headers.get('location')!);
    expect([...authorize.searchParams.keys()].sort()).toEqual(['client_id', 'request_uri']);
    expect(authorize.searchParams.get('request_uri')).toMatch(/^urn:ietf:params:oauth:request_uri:/);
    for (const secretish of ['state', 'nonce', 'code_challenge', 'redirect_uri']) expect(authorize.toString()).not.toContain(secretish);

    const done = await browserLogin(new ManualBrowser(), stack.bff.url, OIDC_CLIENT.id, { username: 'ivan', password: 'any' }, '/par');
    expect(done.status).toBe(302);
    expect(done.headers.get('location')).toBe('/par');
    const me = await fetch(`${stack.bff.url}/v1/auth/me`, { headers: { cookie: `${SESSION}=${done.headers.getSetCookie().find((c) => c.startsWith(SESSION))!.split(';')[0].split('=')[1]}` } });
    expect(me.status).toBe(200);
  });

  it('a PAR endpoint that refuses the request: a 502 problem naming the PAR step, no redirect, no session', async () => {
    const browser = new ManualBrowser();
    const res = await browser.get(`${stack.bff.url}/v1/auth/oidc-unregistered/login?returnTo=/x`);
    expect(res.status).toBe(502);
    expect(res.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    const body = (await res.json()) as { code: string; detail: string };
    // RFC 9126 §2.3: the PAR endpoint answers 400 invalid_request (redirect_uri mismatch); for us an unusable upstream answer.
    expect(body.code).toBe('upstream_bad_response');
    expect(body.detail).toMatch(/pushed authorization request: .*HTTP 400: redirect_uri did not match/);
    expect(res.headers.get('location')).toBeNull();
    expect(browser.cookie(SESSION)).toBeUndefined();
  });
});
