import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { generateKeyPair, SignJWT, type JWTPayload } from 'jose';
import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { startBffProcess, type BffProcess } from '../support/bff-process.js';
import { browserLogin, ManualBrowser } from '../support/browser.js';
import { OIDC_CLIENT, portOf, SIGNING_KID, startOidcStandardsStack, type OidcStandardsStack } from '../support/oidc-standards-stack.js';
import { parseForm } from '../unit/sandbox/helpers/manual-browser.js';

// OIDC Back-Channel Logout 1.0 against oidc-provider: one logout from the provider ends
// the user's sessions on two BFF instances; every malformed logout token is refused with
// 400 invalid_request and ends nothing. Needs `npm run build` (the second instance is dist/main.js).

const SESSION = '__Host-bff_session';
const EVENT = { 'http://schemas.openid.net/event/backchannel-logout': {} };

describe('OIDC back-channel logout', () => {
  let stack: OidcStandardsStack;
  let second: BffProcess;
  beforeAll(async () => {
    stack = await startOidcStandardsStack({
      oidc: { backchannelLogout: true },
      clientMetadata: (urls) => ({ backchannel_logout_uri: `${urls[0]}/v1/auth/${OIDC_CLIENT.id}/backchannel-logout`, backchannel_logout_session_required: true }),
    });
    second = await startBffProcess(stack.secondEnv, { port: portOf(stack.secondUrl) });
  }, 90_000);
  afterAll(async () => {
    await second?.stop();
    await stack?.close();
  });

  const endpoint = () => `${stack.bff.url}/v1/auth/${OIDC_CLIENT.id}/backchannel-logout`;
  const me = (url: string, session: string) => fetch(`${url}/v1/auth/me`, { headers: { cookie: `${SESSION}=${session}` } });
  const post = (body: string, headers: Record<string, string> = {}) =>
    fetch(endpoint(), { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded', ...headers }, body });
  const postToken = (token: string, headers?: Record<string, string>) => post(new URLSearchParams({ logout_token: token }).toString(), headers);

  function claims(extra: JWTPayload = {}): JWTPayload {
    return { iss: stack.issuer, aud: OIDC_CLIENT.clientId, iat: Math.floor(Date.now() / 1000), jti: randomUUID(), events: EVENT, ...extra };
  }

  async function login(url: string, username: string, browser = new ManualBrowser()): Promise<{ browser: ManualBrowser; session: string }> {
    const res = await browserLogin(browser, url, OIDC_CLIENT.id, { username, password: 'any' });
    expect(res.status).toBe(302);
    return { browser, session: browser.cookie(SESSION)! };
  }

  async function expectRefused(res: Response, reason: RegExp): Promise<void> {
    expect(res.status).toBe(400);
    expect(res.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    expect(res.headers.get('cache-control')).toBe('no-store');
    const body = (await res.json()) as { code: string; error: string; detail: string };
    expect(body).toMatchObject({ code: 'invalid_request', error: 'invalid_request' });
    expect(body.detail).toMatch(reason);
  }

  it('the provider list says the provider uses back-channel logout', async () => {
    const list = (await (await fetch(`${stack.bff.url}/v1/auth/providers`)).json()) as { id: string; capabilities: Record<string, boolean> }[];
    expect(list.find((p) => p.id === OIDC_CLIENT.id)?.capabilities).toMatchObject({ backchannelLogout: true, rpInitiatedLogout: true, par: false, dpop: false });
  });

  it('one logout at the provider ends the sessions the user opened on two instances', async () => {
    const { browser, session: first } = await login(stack.bff.url, 'carol');
    // Same browser, same provider session: the second instance's login gets the same sid.
    // The first session cookie is set aside so the second login is a login, not a link.
    browser.setCookie(SESSION, 'set-aside');
    const res = await browserLogin(browser, second.url, OIDC_CLIENT.id, { username: 'carol', password: 'any' });
    expect(res.status).toBe(302);
    const onSecond = browser.cookie(SESSION)!;
    expect(onSecond).not.toBe(first);
    expect((await me(stack.bff.url, first)).status).toBe(200);
    expect((await me(second.url, onSecond)).status).toBe(200);
    const bystander = await login(stack.bff.url, 'erin');

    // The provider's own logout page; confirming it makes oidc-provider post the logout token.
    const page = await browser.get(`${stack.issuer}/session/end`);
    expect(page.status).toBe(200);
    const form = parseForm(await page.text(), `${stack.issuer}/session/end`);
    const confirmed = await browser.postForm(form.action, { ...form.hidden, logout: 'yes' });
    expect(confirmed.status).toBeGreaterThanOrEqual(300);

    expect((await me(second.url, onSecond)).status).toBe(401);
    expect((await me(stack.bff.url, first)).status).toBe(401);
    expect((await me(stack.bff.url, bystander.session)).status).toBe(200);
    const [audit] = (await stack.bff.app.get(DataSource).query(`SELECT details FROM audit_events WHERE action = 'backchannel_logout'`)) as { details: Record<string, unknown> }[];
    expect(audit.details).toMatchObject({ ended: 2, bySid: true, bySub: true });
  });

  describe('bad logout tokens: 400 invalid_request, nothing ended', () => {
    let dave: string;
    beforeAll(async () => {
      dave = (await login(stack.bff.url, 'dave')).session;
    });

    it('no logout_token, or not a JWT', async () => {
      await expectRefused(await post(''), /missing or not a JWT/);
      await expectRefused(await post('logout_token=not-a-jwt'), /missing or not a JWT/);
      await expectRefused(await post('logout_token=a&logout_token=b'), /missing or not a JWT/);
    });

    it('unsigned (alg none)', async () => {
      const part = (value: object) => Buffer.from(JSON.stringify(value)).toString('base64url');
      await expectRefused(await postToken(`${part({ alg: 'none', typ: 'logout+jwt' })}.${part(claims({ sub: 'dave' }))}.`), /ERR_JOSE_ALG_NOT_ALLOWED|ERR_JWS_INVALID/);
    });

    it('signed by another key claiming the provider key id', async () => {
      const { privateKey } = await generateKeyPair('RS256');
      const forged = await new SignJWT(claims({ sub: 'dave' })).setProtectedHeader({ alg: 'RS256', kid: SIGNING_KID }).sign(privateKey);
      await expectRefused(await postToken(forged), /ERR_JWS_SIGNATURE_VERIFICATION_FAILED/);
    });

    it('for another audience, or from another issuer', async () => {
      await expectRefused(await postToken(await stack.signAsProvider(claims({ sub: 'dave', aud: 'someone-else' }))), /ERR_JWT_CLAIM_VALIDATION_FAILED/);
      await expectRefused(await postToken(await stack.signAsProvider(claims({ sub: 'dave', iss: 'https://evil.example' }))), /ERR_JWT_CLAIM_VALIDATION_FAILED/);
    });

    it('expired, or issued an hour ago', async () => {
      const hourAgo = Math.floor(Date.now() / 1000) - 3600;
      await expectRefused(await postToken(await stack.signAsProvider(claims({ sub: 'dave', iat: hourAgo, exp: hourAgo + 60 }))), /ERR_JWT_EXPIRED/);
      await expectRefused(await postToken(await stack.signAsProvider(claims({ sub: 'dave', iat: hourAgo }))), /ERR_JWT_EXPIRED|ERR_JWT_CLAIM_VALIDATION_FAILED/);
    });

    it('carrying a nonce, lacking both sid and sub, or without the logout event', async () => {
      await expectRefused(await postToken(await stack.signAsProvider(claims({ sub: 'dave', nonce: 'n' }))), /nonce/);
      await expectRefused(await postToken(await stack.signAsProvider(claims())), /neither sid nor sub/);
      await expectRefused(await postToken(await stack.signAsProvider(claims({ sub: 'dave', events: { 'urn:other': {} } }))), /no back-channel logout event/);
      await expectRefused(await postToken(await stack.signAsProvider(claims({ sub: 'dave', jti: undefined }))), /ERR_JWT_CLAIM_VALIDATION_FAILED/);
    });

    it('replayed (the same jti twice)', async () => {
      const token = await stack.signAsProvider(claims({ sub: 'nobody-linked' }));
      expect((await postToken(token)).status).toBe(200);
      await expectRefused(await postToken(token), /jti replay/);
    });

    it('after all of these dave is still signed in; a valid sub-only token then ends his session, cookie and no CSRF header notwithstanding', async () => {
      expect((await me(stack.bff.url, dave)).status).toBe(200);
      // A server-to-server route: a session cookie without X-CSRF/Origin is neither read nor refused.
      const res = await postToken(await stack.signAsProvider(claims({ sub: 'dave' })), { cookie: `${SESSION}=${dave}` });
      expect(res.status).toBe(200);
      expect(res.headers.get('cache-control')).toBe('no-store');
      expect((await me(stack.bff.url, dave)).status).toBe(401);
    });
  });
});
