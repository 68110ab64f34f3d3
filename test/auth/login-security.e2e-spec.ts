import { afterAll, afterEach, beforeAll, describe, expect, it } from '@jest/globals';
import { DataSource } from 'typeorm';
import { browserLogin, ManualBrowser, type Credentials } from '../support/browser.js';
import { GENERIC, SANDBOX_KINDS, startLoginStack, type LoginStack } from '../support/login-stack.js';
import { parseForm } from '../unit/sandbox/helpers/manual-browser.js';

// SECURITY.md "Login" 1-6 and "Sessions" 8-11 against the whole stack: the sandbox
// providers, oidc-provider as `generic`, and the BFF on real Postgres and Redis.

const ALICE: Credentials = { username: 'alice', password: 'alice-password' };
const BOB: Credentials = { username: 'bob', password: 'bob-password' };
const OPS: Credentials = { username: 'ops', password: 'ops-password' };
const NOPERMS: Credentials = { username: 'noperms', password: 'noperms-password' };
const PROVIDERS = [...SANDBOX_KINDS, GENERIC.id];
const SESSION = '__Host-bff_session';
const LOGIN = '__Host-bff_login';

interface Problem {
  code: string;
  status: number;
  detail?: string;
  [key: string]: unknown;
}

describe('login and session security (SECURITY.md Login and Sessions)', () => {
  let stack: LoginStack;
  let db: DataSource;
  beforeAll(async () => {
    stack = await startLoginStack({ LOG_LEVEL: 'silent' });
    db = stack.bff.app.get(DataSource);
  }, 60_000);
  afterAll(async () => stack.close());
  afterEach(() => {
    stack.sandbox.faults.clear();
  });

  const bff = (path: string) => `${stack.bff.url}${path}`;

  function api(browser: ManualBrowser, path: string, init: RequestInit = {}): Promise<Response> {
    const headers = new Headers(init.headers);
    if (init.method && init.method !== 'GET') {
      headers.set('X-CSRF', '1');
      headers.set('Origin', stack.bff.config.http.publicUrl);
    }
    return browser.request(bff(path), { ...init, headers });
  }

  /** Starts a login in `browser` and returns the provider's authorize URL (the browser now holds the binding cookie). */
  async function startLogin(browser: ManualBrowser, provider: string, returnTo = '/app'): Promise<URL> {
    const res = await browser.get(bff(`/v1/auth/${provider}/login?returnTo=${encodeURIComponent(returnTo)}`));
    expect(res.status).toBe(302);
    return new URL(res.headers.get('location')!);
  }

  /** Goes through the provider like a person would and returns the callback URL without calling it. */
  async function untilCallback(browser: ManualBrowser, provider: string, user: Credentials, returnTo = '/app'): Promise<URL> {
    let url = (await startLogin(browser, provider, returnTo)).toString();
    let res = await browser.get(url);
    const prefix = bff(`/v1/auth/${provider}/callback`);
    for (let hop = 0; hop < 20; hop++) {
      const location = res.headers.get('location');
      if (res.status >= 300 && res.status < 400 && location) {
        const next = new URL(location, url).toString();
        if (next.startsWith(prefix)) return new URL(next);
        url = next;
        res = await browser.get(url);
        continue;
      }
      const html = await res.text();
      if (res.status !== 200 || !html.includes('<form')) throw new Error(`unexpected page ${res.status} at ${url}: ${html.slice(0, 300)}`);
      const form = parseForm(html, url);
      const fields: Record<string, string> = html.includes('name="username"')
        ? { username: user.username, password: user.password }
        : html.includes('name="login"')
          ? { login: user.username, password: user.password }
          : {};
      res = await browser.postForm(form.action, { ...form.hidden, ...fields });
      url = form.action;
    }
    throw new Error('never reached the callback');
  }

  function sessionSetCookie(res: Response): string | undefined {
    return res.headers.getSetCookie().find((c) => c.startsWith(`${SESSION}=`) && !/max-age=0/i.test(c) && !c.startsWith(`${SESSION}=;`));
  }

  async function expectProblem(res: Response, status: number, code: string): Promise<Problem> {
    const text = await res.text();
    expect({ status: res.status, text }).toEqual({ status, text: expect.stringContaining(`"code":"${code}"`) });
    expect(res.headers.get('content-type')).toContain('application/problem+json');
    return JSON.parse(text) as Problem;
  }

  /** A refused callback: the problem, no session cookie issued, none in the jar. */
  async function expectRefused(browser: ManualBrowser, res: Response, status: number, code: string): Promise<Problem> {
    expect(sessionSetCookie(res)).toBeUndefined();
    const problem = await expectProblem(res, status, code);
    expect(browser.cookie(SESSION)).toBeUndefined();
    return problem;
  }

  async function counts(): Promise<{ users: number; links: number }> {
    const [{ users }] = (await db.query('SELECT count(*)::int AS users FROM users')) as { users: number }[];
    const [{ links }] = (await db.query('SELECT count(*)::int AS links FROM linked_accounts')) as { links: number }[];
    return { users, links };
  }

  function withParams(url: URL, change: Record<string, string | null>): string {
    const copy = new URL(url);
    for (const [key, value] of Object.entries(change)) {
      if (value === null) copy.searchParams.delete(key);
      else copy.searchParams.set(key, value);
    }
    return copy.toString();
  }

  function counter(provider: string, kind: string): number {
    const all = stack.sandbox.counterSnapshot() as Record<string, Record<string, Record<string, number>>>;
    return Object.values(all[provider] ?? {}).reduce((sum, kinds) => sum + (kinds[kind] ?? 0), 0);
  }

  describe('1. returnTo', () => {
    it.each(['https://evil.example/app', '//evil.example', '/\\evil.example', '/%09/evil.example', 'https://user@evil.example', 'javascript:alert(1)', '/.//evil.example'])(
      'off-site %j -> the final redirect is /',
      async (returnTo) => {
        const done = await browserLogin(new ManualBrowser(), stack.bff.url, 'bluejeans', ALICE, returnTo);
        expect(done.status).toBe(302);
        expect(done.headers.get('location')).toBe('/');
      },
    );

    it('a same-origin path with query and hash, and a URL on the configured app origin, survive', async () => {
      const path = await browserLogin(new ManualBrowser(), stack.bff.url, 'bluejeans', ALICE, '/app/inbox?tab=2#top');
      expect(path.headers.get('location')).toBe('/app/inbox?tab=2#top');
      const absolute = `${stack.bff.config.http.publicUrl}/app?x=1`;
      const onOrigin = await browserLogin(new ManualBrowser(), stack.bff.url, 'bluejeans', ALICE, absolute);
      expect(onOrigin.headers.get('location')).toBe(absolute);
    });
  });

  describe('2. state and the browser binding', () => {
    it('the binding cookie is __Host-, HttpOnly, Secure, SameSite=Lax, short-lived, and holds no PKCE verifier', async () => {
      const browser = new ManualBrowser();
      const res = await browser.get(bff('/v1/auth/bluejeans/login'));
      const cookie = res.headers.getSetCookie().find((c) => c.startsWith(`${LOGIN}=`))!;
      expect(cookie).toMatch(/; HttpOnly/i);
      expect(cookie).toMatch(/; Secure/i);
      expect(cookie).toMatch(/; SameSite=Lax/i);
      expect(cookie).toMatch(/; Path=\//i);
      expect(cookie).not.toMatch(/Domain=/i);
      const maxAge = Number(/Max-Age=(\d+)/i.exec(cookie)?.[1]);
      expect(maxAge).toBeGreaterThan(0);
      expect(maxAge).toBeLessThanOrEqual(stack.bff.config.sessions.loginTransactionSeconds);
      const [state, binding] = browser.cookie(LOGIN)!.split('.');
      const authorize = new URL(res.headers.get('location')!);
      expect(authorize.searchParams.get('state')).toBe(state);
      // The binding secret never leaves the cookie.
      expect(authorize.toString()).not.toContain(binding);
    });

    it('missing state -> 400 login_state_invalid, no session', async () => {
      const browser = new ManualBrowser();
      const callback = await untilCallback(browser, 'bluejeans', ALICE);
      await expectRefused(browser, await browser.get(withParams(callback, { state: null })), 400, 'login_state_invalid');
    });

    it('wrong state -> 400 login_state_invalid, no session', async () => {
      const browser = new ManualBrowser();
      const callback = await untilCallback(browser, 'bluejeans', ALICE);
      await expectRefused(browser, await browser.get(withParams(callback, { state: 'A'.repeat(43) })), 400, 'login_state_invalid');
      await expectRefused(browser, await browser.get(withParams(callback, { state: `${callback.searchParams.get('state')}x` })), 400, 'login_state_invalid');
    });

    it('a callback without code or error is refused, and does not start a new login', async () => {
      const browser = new ManualBrowser();
      const callback = await untilCallback(browser, 'bluejeans', ALICE);
      const binding = browser.cookie(LOGIN);
      const res = await browser.get(withParams(callback, { code: null }));
      expect(res.headers.get('location')).toBeNull();
      await expectRefused(browser, res, 400, 'login_response_invalid');
      // The in-flight login is untouched: the real callback still completes.
      expect(browser.cookie(LOGIN)).toBe(binding);
      expect((await browser.get(callback.toString())).status).toBe(302);
    });

    it.each([
      ['an empty code, no cookies', 'code=', false],
      ['an empty code and an empty error, no cookies', 'code=&error=', false],
      ['an empty code with the login in flight', 'code=', true],
    ])('%s -> 400 login_response_invalid, not a new login', async (_name, query, inFlight) => {
      const browser = new ManualBrowser();
      const binding = inFlight ? (await untilCallback(browser, 'bluejeans', ALICE), browser.cookie(LOGIN)) : undefined;
      const res = await browser.get(bff(`/v1/auth/bluejeans/callback?${query}`));
      expect(res.headers.get('location')).toBeNull();
      await expectRefused(browser, res, 400, 'login_response_invalid');
      expect(browser.cookie(LOGIN)).toBe(binding);
    });

    it('the login route does not accept a code (it is not a second callback)', async () => {
      const browser = new ManualBrowser();
      const callback = await untilCallback(browser, 'bluejeans', ALICE);
      const viaLogin = bff(`/v1/auth/bluejeans/login${callback.search}`);
      await expectRefused(browser, await browser.get(viaLogin), 400, 'login_response_invalid');
      expect((await browser.get(callback.toString())).status).toBe(302);
    });

    it('replaying the exact callback URL after success -> 400, no new session cookie', async () => {
      const browser = new ManualBrowser();
      const callback = await untilCallback(browser, 'bluejeans', ALICE);
      const loginCookie = browser.cookie(LOGIN)!;
      const done = await browser.get(callback.toString());
      expect(done.status).toBe(302);
      const session = browser.cookie(SESSION)!;
      // The success response clears the binding cookie ...
      expect(browser.cookie(LOGIN)).toBeUndefined();
      const replay = await browser.get(callback.toString());
      expect(sessionSetCookie(replay)).toBeUndefined();
      await expectProblem(replay, 400, 'login_binding_missing');
      // ... and even with the old binding cookie put back the transaction is gone.
      browser.setCookie(LOGIN, loginCookie);
      const again = await browser.get(callback.toString());
      expect(sessionSetCookie(again)).toBeUndefined();
      await expectProblem(again, 400, 'login_state_invalid');
      expect(browser.cookie(SESSION)).toBe(session);
      // The replay did not end or replace the good session either.
      expect((await api(browser, '/v1/auth/me')).status).toBe(200);
    });

    it("another browser's callback URL: no binding cookie -> 400 login_binding_missing; its own login in flight -> login_state_invalid", async () => {
      const victim = new ManualBrowser();
      const callback = await untilCallback(victim, 'bluejeans', ALICE);

      const attacker = new ManualBrowser();
      await expectRefused(attacker, await attacker.get(callback.toString()), 400, 'login_binding_missing');

      const busy = new ManualBrowser();
      await startLogin(busy, 'bluejeans');
      await expectRefused(busy, await busy.get(callback.toString()), 400, 'login_state_invalid');

      // Neither attempt burnt the victim's transaction: it still completes in its own browser.
      const done = await victim.get(callback.toString());
      expect(done.status).toBe(302);
      expect(sessionSetCookie(done)).toBeDefined();
    });

    it('a garbled binding cookie -> 400, not 500', async () => {
      for (const value of ['%E0%A4%A', 'no-dot', '.', 'a.b.c', `${'x'.repeat(200)}.${'y'.repeat(200)}`, '%00.%00']) {
        const browser = new ManualBrowser();
        const callback = await untilCallback(browser, 'bluejeans', ALICE);
        browser.setCookie(LOGIN, value);
        const res = await browser.get(callback.toString());
        expect({ value, status: res.status }).toEqual({ value, status: 400 });
        expect(sessionSetCookie(res)).toBeUndefined();
      }
    });

    it('only the latest login of a browser is in flight: an earlier transaction is refused', async () => {
      const browser = new ManualBrowser();
      const first = await untilCallback(browser, 'bluejeans', ALICE);
      const second = await untilCallback(browser, 'bluejeans', ALICE);
      await expectRefused(browser, await browser.get(first.toString()), 400, 'login_state_invalid');
      expect((await browser.get(second.toString())).status).toBe(302);
    });
  });

  describe('3. code injection', () => {
    it.each(PROVIDERS)("%s: a code issued to another browser's transaction fails PKCE and creates nothing", async (provider) => {
      const before = await counts();
      const victim = new ManualBrowser();
      const victimAuthorize = await startLogin(victim, provider);
      const victimState = victimAuthorize.searchParams.get('state')!;

      const attacker = new ManualBrowser();
      const stolen = await untilCallback(attacker, provider, BOB);
      const injected = withParams(stolen, { state: stolen.searchParams.has('state') ? victimState : null });
      const tokenCalls = counter(provider, 'token');

      const res = await victim.get(injected);
      await expectRefused(victim, res, 401, 'upstream_invalid_grant');
      if (provider !== GENERIC.id) expect(counter(provider, 'token')).toBe(tokenCalls + 1);
      expect(await counts()).toEqual(before);
    });
  });

  describe('4. PKCE S256 only', () => {
    it.each(PROVIDERS)('%s: the authorize redirect carries an S256 challenge, never plain, never the verifier', async (provider) => {
      const browser = new ManualBrowser();
      const authorize = await startLogin(browser, provider);
      const params = authorize.searchParams;
      expect(params.getAll('code_challenge_method')).toEqual(['S256']);
      expect(params.get('code_challenge')).toMatch(/^[A-Za-z0-9_-]{43}$/);
      expect(authorize.toString()).not.toMatch(/plain/i);
      expect(authorize.toString()).not.toMatch(/verifier/i);
      if (provider === GENERIC.id) expect(params.get('nonce')).toMatch(/^[A-Za-z0-9_-]{43}$/);
      // Each login gets a fresh challenge and state.
      const again = (await startLogin(new ManualBrowser(), provider)).searchParams;
      expect(again.get('code_challenge')).not.toBe(params.get('code_challenge'));
      expect(again.get('state')).not.toBe(params.get('state'));
    });
  });

  describe('5. several providers and iss (RFC 9207)', () => {
    it("a transaction started for bluejeans and finished at phonecom's callback -> 400 login_provider_mismatch", async () => {
      const browser = new ManualBrowser();
      const callback = await untilCallback(browser, 'bluejeans', ALICE);
      const elsewhere = callback.toString().replace('/v1/auth/bluejeans/callback', '/v1/auth/phonecom/callback');
      await expectRefused(browser, await browser.get(elsewhere), 400, 'login_provider_mismatch');
      // The transaction was single use: the right callback no longer works either.
      await expectRefused(browser, await browser.get(callback.toString()), 400, 'login_state_invalid');
    });

    it('generic: a tampered iss -> 400 login_issuer_mismatch, as is a missing one', async () => {
      const tampered = new ManualBrowser();
      const callback = await untilCallback(tampered, GENERIC.id, ALICE);
      expect(callback.searchParams.get('iss')).toBe(stack.oidcIssuer);
      await expectRefused(tampered, await tampered.get(withParams(callback, { iss: 'https://evil.example' })), 400, 'login_issuer_mismatch');

      const stripped = new ManualBrowser();
      const second = await untilCallback(stripped, GENERIC.id, ALICE);
      await expectRefused(stripped, await stripped.get(withParams(second, { iss: null })), 400, 'login_issuer_mismatch');
    });

    it('an iss on the callback of a provider without one -> 400 login_issuer_mismatch', async () => {
      const browser = new ManualBrowser();
      const callback = await untilCallback(browser, 'bluejeans', ALICE);
      await expectRefused(browser, await browser.get(withParams(callback, { iss: stack.oidcIssuer })), 400, 'login_issuer_mismatch');
    });
  });

  describe('6. provider errors', () => {
    it('a script in error is not reflected; the answer is problem+json', async () => {
      const browser = new ManualBrowser();
      const authorize = await startLogin(browser, 'bluejeans');
      const state = authorize.searchParams.get('state')!;
      const evil = '<script>alert(1)</script>';
      const res = await browser.get(bff(`/v1/auth/bluejeans/callback?error=${encodeURIComponent(evil)}&error_description=${encodeURIComponent(evil)}&state=${state}`));
      const problem = await expectRefused(browser, res, 400, 'provider_refused');
      expect(JSON.stringify(problem)).not.toMatch(/<script|alert\(|%3Cscript/i);
      expect(res.headers.get('content-type')).not.toContain('text/html');
    });

    it('error=access_denied -> a clean 400 naming the error code', async () => {
      const browser = new ManualBrowser();
      const state = (await startLogin(browser, 'bluejeans')).searchParams.get('state')!;
      const problem = await expectRefused(browser, await browser.get(bff(`/v1/auth/bluejeans/callback?error=access_denied&state=${state}`)), 400, 'provider_refused');
      expect(problem.providerError).toBe('access_denied');
    });
  });

  describe('unknown providers', () => {
    it.each(['nope', '__proto__', 'constructor', 'BLUEJEANS', 'bluejeans%00'])('%s -> 404 provider_not_found on login and callback', async (id) => {
      await expectProblem(await fetch(bff(`/v1/auth/${id}/login`), { redirect: 'manual' }), 404, 'provider_not_found');
      await expectProblem(await fetch(bff(`/v1/auth/${id}/callback?code=x&state=y`), { redirect: 'manual' }), 404, 'provider_not_found');
    });
  });

  describe('9. a pre-set cookie is never adopted', () => {
    it.each([['attacker-chosen-value-0123456789'], ['A'.repeat(43)]])('planted %p: login issues a different token and the planted one gets 401', async (planted) => {
      const browser = new ManualBrowser();
      browser.setCookie(SESSION, planted);
      const done = await browserLogin(browser, stack.bff.url, 'bluejeans', ALICE);
      expect(done.status).toBe(302);
      const issued = sessionSetCookie(done)!;
      expect(issued).toBeDefined();
      expect(browser.cookie(SESSION)).not.toBe(planted);
      expect((await api(browser, '/v1/auth/me')).status).toBe(200);
      const attacker = await fetch(bff('/v1/auth/me'), { headers: { cookie: `${SESSION}=${planted}` } });
      await expectProblem(attacker, 401, 'unauthenticated');
    });
  });

  describe('10. garbled, truncated, oversized or unknown credentials -> 401', () => {
    let real: string;
    beforeAll(async () => {
      const browser = new ManualBrowser();
      await browserLogin(browser, stack.bff.url, 'bluejeans', ALICE);
      real = browser.cookie(SESSION)!;
    });

    it.each([
      ['empty', () => ''],
      ['one char', () => 'x'],
      ['truncated', () => real.slice(0, 42)],
      ['one char too many', () => `${real}A`],
      ['oversized', () => 'A'.repeat(6_000)],
      ['unknown but well-formed', () => 'B'.repeat(43)],
      ['bad percent-encoding', () => '%E0%A4%A'],
      ['NUL escape', () => '%00'],
      ['quoted', () => `"${real.slice(1)}"`],
      ['wrong alphabet', () => `${real.slice(0, 42)}+`],
    ])('cookie %s', async (_name, value) => {
      const res = await fetch(bff('/v1/auth/me'), { headers: { cookie: `${SESSION}=${value()}` } });
      await expectProblem(res, 401, 'unauthenticated');
    });

    it.each([
      ['garbage', 'garbage'],
      ['oversized', 'A'.repeat(6_000)],
      ['bad percent-encoding', '%E0%A4%A'],
    ])('bearer %s', async (_name, value) => {
      const res = await fetch(bff('/v1/auth/me'), { headers: { authorization: `Bearer ${value}` } });
      await expectProblem(res, 401, 'unauthenticated');
    });

    it('the real cookie still works (the cases above are not failing for another reason)', async () => {
      expect((await fetch(bff('/v1/auth/me'), { headers: { cookie: `${SESSION}=${real}` } })).status).toBe(200);
    });
  });

  describe('11. CSRF on logout', () => {
    it('without X-CSRF -> 403; with a foreign or no Origin -> 403; the session survives', async () => {
      const browser = new ManualBrowser();
      await browserLogin(browser, stack.bff.url, 'bluejeans', ALICE);
      const own = stack.bff.config.http.publicUrl;
      const attempts: Record<string, string>[] = [{ Origin: own }, { 'X-CSRF': '1', Origin: 'https://evil.example' }, { 'X-CSRF': '1', Origin: 'null' }, { 'X-CSRF': '1' }];
      for (const headers of attempts) {
        const res = await browser.request(bff('/v1/auth/logout'), { method: 'POST', headers });
        await expectProblem(res, 403, 'csrf_rejected');
        expect(res.headers.get('clear-site-data')).toBeNull();
      }
      expect((await api(browser, '/v1/auth/me')).status).toBe(200);
    });
  });

  describe('nothing half-stored when the exchange fails midway', () => {
    it.each([
      ['bluejeans: the token endpoint answers 503', 'bluejeans', 'token'],
      ['phonecom: the identity call after a successful exchange answers 503', 'phonecom', 'tokenInfo'],
    ] as const)('%s -> 503 problem, no session, no user or link row', async (_name, provider, route) => {
      // Nobody has logged in as noperms in this file yet: a completed login would create a user.
      const before = await counts();
      // No use count: idempotent reads are retried once, and every try must fail. Cleared after each test.
      stack.sandbox.faults.arm(provider, route, { status: 503 });
      const browser = new ManualBrowser();
      const res = await browserLogin(browser, stack.bff.url, provider, NOPERMS);
      await expectRefused(browser, res, 503, 'upstream_unavailable');
      expect(await counts()).toEqual(before);
    });

    it('the same logins succeed once the provider is back, each writing one user and one link', async () => {
      for (const provider of ['bluejeans', 'phonecom']) {
        const before = await counts();
        const done = await browserLogin(new ManualBrowser(), stack.bff.url, provider, NOPERMS);
        expect(done.status).toBe(302);
        expect(await counts()).toEqual({ users: before.users + 1, links: before.links + 1 });
      }
    });
  });

  describe('link, unlink, logout and the audit trail', () => {
    it('links phonecom, unlinks bluejeans (revoked upstream), logs out; audit rows carry no token', async () => {
      const browser = new ManualBrowser();
      const cookies: string[] = [];
      await browserLogin(browser, stack.bff.url, 'bluejeans', OPS);
      cookies.push(browser.cookie(SESSION)!);
      const { user } = (await (await api(browser, '/v1/auth/me')).json()) as { user: { id: string } };
      expect((await browserLogin(browser, stack.bff.url, 'phonecom', OPS)).status).toBe(302);
      cookies.push(browser.cookie(SESSION)!);

      // CSRF applies to unlink too.
      await expectProblem(await browser.request(bff('/v1/auth/links/bluejeans'), { method: 'DELETE' }), 403, 'csrf_rejected');
      await expectProblem(await api(browser, '/v1/auth/links/nope', { method: 'DELETE' }), 404, 'provider_not_found');
      await expectProblem(await api(browser, '/v1/auth/links/genesys', { method: 'DELETE' }), 404, 'link_not_found');

      const revokes = counter('bluejeans', 'revoke');
      expect((await api(browser, '/v1/auth/links/bluejeans', { method: 'DELETE' })).status).toBe(204);
      expect(counter('bluejeans', 'revoke')).toBe(revokes + 1);
      const me = (await (await api(browser, '/v1/auth/me')).json()) as { user: { id: string }; linkedAccounts: { provider: string }[] };
      expect(me.user.id).toBe(user.id);
      expect(me.linkedAccounts.map((a) => a.provider)).toEqual(['phonecom']);
      await expectProblem(await api(browser, '/v1/auth/links/bluejeans', { method: 'DELETE' }), 404, 'link_not_found');
      expect(counter('bluejeans', 'revoke')).toBe(revokes + 1);

      expect((await api(browser, '/v1/auth/logout', { method: 'POST' })).status).toBe(204);
      await expectProblem(await fetch(bff('/v1/auth/me'), { headers: { cookie: `${SESSION}=${cookies[1]}` } }), 401, 'unauthenticated');

      const rows = (await db.query('SELECT action, target_type, target_id, outcome, details FROM audit_events WHERE actor_user_id = $1 ORDER BY occurred_at', [user.id])) as {
        action: string;
        target_type: string;
        target_id: string | null;
        outcome: string;
        details: unknown;
      }[];
      const actions = rows.map((r) => r.action);
      for (const action of ['login', 'link', 'unlink', 'logout']) expect(actions).toContain(action);
      expect(actions.indexOf('login')).toBeLessThan(actions.indexOf('link'));
      expect(actions.indexOf('unlink')).toBeLessThan(actions.indexOf('logout'));
      expect(rows.find((r) => r.action === 'unlink')).toMatchObject({ target_type: 'linked_account', target_id: 'bluejeans:1003', outcome: 'success' });
      expect(rows.find((r) => r.action === 'link')).toMatchObject({ target_id: 'phonecom:1003' });
      const text = JSON.stringify(rows);
      for (const cookie of cookies) expect(text).not.toContain(cookie);
      // Nothing shaped like a token: no long opaque runs, no credential-named keys.
      expect(text.replace(/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/g, '<uuid>')).not.toMatch(/[A-Za-z0-9_-]{32,}/);
      expect(JSON.stringify(rows.map((r) => r.details))).not.toMatch(/token|secret|code|verifier|cookie|password/i);
    });
  });
});
