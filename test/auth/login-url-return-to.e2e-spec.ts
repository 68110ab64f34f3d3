import { afterAll, afterEach, beforeAll, describe, expect, it } from '@jest/globals';
import { DataSource } from 'typeorm';
import { createBffClient, type LoginRequired } from '../../packages/client/src/index.js';
import { browserLogin, ManualBrowser } from '../support/browser.js';
import { startLoginStack, type LoginStack } from '../support/login-stack.js';

const APP = 'http://localhost:5173';
const ALICE = { username: 'alice', password: 'alice-password' };

interface LoginProblem {
  code: string;
  provider: string;
  loginUrl: string;
}

/**
 * Issue 12, "two clear answers": 409 provider_not_linked and 401 reauth_required both carry
 * `loginUrl`, with the caller's `X-Return-To` as `returnTo` when it is safe (a BFF path or a
 * URL on an APP_ORIGINS origin, judged by the login's own validator) and without it otherwise.
 * On Express routes (ProblemFilter) and on the relay's edge handler alike.
 */
describe('loginUrl carries the caller\'s safe returnTo', () => {
  let stack: LoginStack;
  let cookie: string;
  let subject: string;

  beforeAll(async () => {
    stack = await startLoginStack({ LOG_LEVEL: 'error', APP_ORIGINS: APP, CORS_ORIGINS: APP });
    const browser = new ManualBrowser();
    expect((await browserLogin(browser, stack.bff.url, 'bluejeans', ALICE)).status).toBe(302);
    cookie = `__Host-bff_session=${browser.cookie('__Host-bff_session')}`;
    const me = (await (await fetch(`${stack.bff.url}/v1/auth/me`, { headers: { cookie } })).json()) as { linkedAccounts: { provider: string; subject: string }[] };
    subject = me.linkedAccounts.find((a) => a.provider === 'bluejeans')!.subject;
  }, 60_000);
  afterEach(() => {
    stack.sandbox.faults.clear();
  });
  afterAll(async () => stack.close());

  async function problem(path: string, returnTo?: string, headers: Record<string, string> = { cookie }): Promise<{ status: number; body: LoginProblem; text: string }> {
    const res = await fetch(`${stack.bff.url}${path}`, { headers: { ...headers, ...(returnTo === undefined ? {} : { 'X-Return-To': returnTo }) } });
    const text = await res.text();
    return { status: res.status, body: JSON.parse(text) as LoginProblem, text };
  }

  // Calcom is not linked: the relay answers on the edge handler, token-info through Express.
  const notLinked = { relay: '/v1/api/calcom/v2/me', 'token-info': '/v1/auth/calcom/token-info' };

  it.each(Object.entries(notLinked))('409 provider_not_linked (%s): a safe returnTo goes into loginUrl', async (_route, path) => {
    const absolute = `${APP}/meetings?tab=week#today`;
    const abs = await problem(path, absolute);
    expect(abs.status).toBe(409);
    expect(abs.body).toMatchObject({ code: 'provider_not_linked', provider: 'calcom', loginUrl: `/v1/auth/calcom/login?returnTo=${encodeURIComponent(absolute)}` });
    const relative = await problem(path, '/app/settings?x=1');
    expect(relative.body.loginUrl).toBe(`/v1/auth/calcom/login?returnTo=${encodeURIComponent('/app/settings?x=1')}`);
    const none = await problem(path);
    expect(none.body.loginUrl).toBe('/v1/auth/calcom/login');
  });

  const unsafe = ['https://evil.example/steal', '//evil.example/x', '/\\evil.example', '/%2e//evil.example', 'javascript:alert(1)', `${APP}.evil.example/x`, 'http://user:pw@localhost:5173/'];

  it.each(Object.entries(notLinked))('409 provider_not_linked (%s): an unsafe returnTo is dropped, never reflected', async (_route, path) => {
    for (const returnTo of unsafe) {
      const answer = await problem(path, returnTo);
      expect(answer.status).toBe(409);
      expect(answer.body.loginUrl).toBe('/v1/auth/calcom/login');
      expect(answer.text).not.toContain('evil');
      expect(answer.text).not.toContain('alert');
    }
  });

  it('401 reauth_required carries the same loginUrl with returnTo, on the relay and on the session ended by the refusal', async () => {
    await stack.bff.app.get(DataSource).query(`UPDATE linked_accounts SET access_expires_at = now() - interval '1 minute' WHERE provider = 'bluejeans' AND subject = $1`, [subject]);
    stack.sandbox.faults.arm('bluejeans', 'refresh', { invalidGrant: true });
    const relayed = await problem(`/v1/api/bluejeans/v1/user/${subject}`, `${APP}/calendar`);
    expect(relayed.status).toBe(401);
    expect(relayed.body).toMatchObject({ code: 'reauth_required', provider: 'bluejeans', loginUrl: `/v1/auth/bluejeans/login?returnTo=${encodeURIComponent(`${APP}/calendar`)}` });
    const me = await problem('/v1/auth/me', '/home');
    expect(me.status).toBe(401);
    expect(me.body).toMatchObject({ code: 'reauth_required', loginUrl: `/v1/auth/bluejeans/login?returnTo=${encodeURIComponent('/home')}` });
    const unsafeMe = await problem('/v1/auth/me', 'https://evil.example/');
    expect(unsafeMe.body.loginUrl).toBe('/v1/auth/bluejeans/login');

    // The loginUrl is a working login start that keeps the returnTo: it ends back on the app.
    const browser = new ManualBrowser();
    const start = new URL(me.body.loginUrl, stack.bff.url);
    const login = await browserLogin(browser, stack.bff.url, 'bluejeans', ALICE, start.searchParams.get('returnTo')!);
    expect(login.status).toBe(302);
    expect(login.headers.get('location')).toBe('/home');
  });

  it('CORS lets the app send X-Return-To, and the typed client sends it from its returnTo option', async () => {
    const preflight = await fetch(`${stack.bff.url}/v1/auth/me`, { method: 'OPTIONS', headers: { Origin: APP, 'Access-Control-Request-Method': 'GET', 'Access-Control-Request-Headers': 'x-return-to' } });
    expect(preflight.headers.get('access-control-allow-headers')?.toLowerCase()).toContain('x-return-to');

    const browser = new ManualBrowser();
    await browserLogin(browser, stack.bff.url, 'bluejeans', ALICE);
    const seen: LoginRequired[] = [];
    const fetchAsApp = (async (input: Request) => {
      const headers = new Headers(input.headers);
      headers.set('Origin', APP);
      return browser.request(input.url, { method: input.method, headers });
    }) as typeof fetch;
    const client = createBffClient({ baseUrl: stack.bff.url, fetch: fetchAsApp, returnTo: () => `${APP}/after-login`, onLoginRequired: (a) => seen.push(a) });
    expect((await client.relay('calcom', 'v2/me')).status).toBe(409);
    expect((await client.GET('/v1/auth/{provider}/token-info', { params: { path: { provider: 'calcom' } } })).response.status).toBe(409);
    const expected = `${stack.bff.url}/v1/auth/calcom/login?returnTo=${encodeURIComponent(`${APP}/after-login`)}`;
    expect(seen).toEqual([expect.objectContaining({ code: 'provider_not_linked', loginUrl: expected }), expect.objectContaining({ code: 'provider_not_linked', loginUrl: expected })]);
  });
});
