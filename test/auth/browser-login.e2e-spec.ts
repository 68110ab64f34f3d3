import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { browserLogin, ManualBrowser } from '../support/browser.js';
import { GENERIC, SANDBOX_KINDS, startLoginStack, type LoginStack } from '../support/login-stack.js';

const ALICE = { username: 'alice', password: 'alice-password' };
const OPS = { username: 'ops', password: 'ops-password' };
const PROVIDERS = [...SANDBOX_KINDS, GENERIC.id];

describe('browser login through every provider kind', () => {
  let stack: LoginStack;
  beforeAll(async () => {
    stack = await startLoginStack({ LOG_LEVEL: 'error' });
  }, 60_000);
  afterAll(async () => stack.close());

  function api(browser: ManualBrowser, path: string, init: RequestInit = {}): Promise<Response> {
    const headers = new Headers(init.headers);
    if (init.method && init.method !== 'GET') {
      headers.set('X-CSRF', '1');
      headers.set('Origin', stack.bff.config.http.publicUrl);
    }
    return browser.request(`${stack.bff.url}${path}`, { ...init, headers });
  }

  it.each(PROVIDERS)('%s: login sets a hardened session cookie and /v1/auth/me shows the link without tokens', async (provider) => {
    const browser = new ManualBrowser();
    const done = await browserLogin(browser, stack.bff.url, provider, ALICE, '/app?tab=1');
    expect(done.status).toBe(302);
    expect(done.headers.get('location')).toBe('/app?tab=1');
    const setCookie = done.headers.getSetCookie().find((c) => c.startsWith('__Host-bff_session='))!;
    expect(setCookie).toMatch(/; HttpOnly/i);
    expect(setCookie).toMatch(/; Secure/i);
    expect(setCookie).toMatch(/; SameSite=Lax/i);
    expect(setCookie).toMatch(/; Path=\//i);
    expect(setCookie).not.toMatch(/Domain=/i);
    expect(done.headers.get('location')).not.toMatch(/token|code=/);

    const me = await api(browser, '/v1/auth/me');
    expect(me.status).toBe(200);
    expect(me.headers.get('cache-control')).toContain('no-store');
    const body = (await me.json()) as { user: { id: string }; linkedAccounts: { provider: string; status: string }[]; session: { kind: string } };
    expect(body.linkedAccounts).toEqual([expect.objectContaining({ provider, status: 'active' })]);
    expect(body.session.kind).toBe('web');
    expect(JSON.stringify(body)).not.toMatch(/accessToken|refreshToken|access_token/);
  });

  it('links a second provider to the same user, rotates the session token, and keeps one session', async () => {
    const browser = new ManualBrowser();
    await browserLogin(browser, stack.bff.url, 'bluejeans', OPS);
    const first = browser.cookie('__Host-bff_session')!;
    const userId = ((await (await api(browser, '/v1/auth/me')).json()) as { user: { id: string } }).user.id;

    const linked = await browserLogin(browser, stack.bff.url, 'phonecom', OPS);
    expect([linked.status, linked.status === 302 ? '' : await linked.text()]).toEqual([302, '']);
    expect(browser.cookie('__Host-bff_session')).not.toBe(first);
    const me = (await (await api(browser, '/v1/auth/me')).json()) as { user: { id: string }; linkedAccounts: { provider: string }[] };
    expect(me.user.id).toBe(userId);
    expect(me.linkedAccounts.map((a) => a.provider).sort()).toEqual(['bluejeans', 'phonecom']);

    const stale = await fetch(`${stack.bff.url}/v1/auth/me`, { headers: { cookie: `__Host-bff_session=${first}` } });
    expect(stale.status).toBe(401);
    const { sessions } = (await (await api(browser, '/v1/sessions')).json()) as { sessions: unknown[] };
    expect(sessions).toHaveLength(1);
  });

  it('refuses to link an upstream account that already belongs to another user, and keeps the session', async () => {
    const browser = new ManualBrowser();
    await browserLogin(browser, stack.bff.url, 'genesys', { username: 'noperms', password: 'noperms-password' });
    const before = browser.cookie('__Host-bff_session');
    // alice's Cal.com account was linked to alice's own user by the per-provider test above.
    const refused = await browserLogin(browser, stack.bff.url, 'calcom', ALICE);
    expect(refused.status).toBe(409);
    expect(refused.headers.get('content-type')).toContain('application/problem+json');
    expect(((await refused.json()) as { code: string }).code).toBe('account_linked_elsewhere');
    expect(browser.cookie('__Host-bff_session')).toBe(before);
    const me = (await (await api(browser, '/v1/auth/me')).json()) as { linkedAccounts: { provider: string }[] };
    expect(me.linkedAccounts.map((a) => a.provider)).toEqual(['genesys']);
  });

  it('lists sessions, ends another one, and logout revokes upstream and kills the old cookie', async () => {
    const laptop = new ManualBrowser();
    const phone = new ManualBrowser();
    await browserLogin(laptop, stack.bff.url, 'bluejeans', { username: 'bob', password: 'bob-password' });
    await browserLogin(phone, stack.bff.url, 'bluejeans', { username: 'bob', password: 'bob-password' });
    const listed = ((await (await api(laptop, '/v1/sessions')).json()) as { sessions: { id: string; current: boolean }[] }).sessions;
    expect(listed).toHaveLength(2);
    const other = listed.find((s) => !s.current)!;
    expect((await api(laptop, `/v1/sessions/${other.id}`, { method: 'DELETE' })).status).toBe(204);
    expect((await api(phone, '/v1/auth/me')).status).toBe(401);

    const revokesBefore = revokeCount(stack);
    const cookie = laptop.cookie('__Host-bff_session')!;
    const out = await api(laptop, '/v1/auth/logout', { method: 'POST' });
    expect(out.status).toBe(204);
    expect(out.headers.get('clear-site-data')).toBe('"cookies"');
    expect(revokeCount(stack)).toBe(revokesBefore + 1);
    const old = await fetch(`${stack.bff.url}/v1/auth/me`, { headers: { cookie: `__Host-bff_session=${cookie}` } });
    expect(old.status).toBe(401);
  });

  it('a repeated error or code parameter on the callback is a 400 problem, never a 500', async () => {
    const errors = await fetch(`${stack.bff.url}/v1/auth/bluejeans/callback?code=x&error=a&error=b`);
    expect(errors.status).toBe(400);
    expect(((await errors.json()) as { code: string }).code).toBe('provider_refused');
    const codes = await fetch(`${stack.bff.url}/v1/auth/bluejeans/callback?code=x&code=y&state=s`);
    expect(codes.status).toBe(400);
    expect(((await codes.json()) as { code: string }).code).toBe('login_response_invalid');
  });

  it('GET /v1/auth/providers lists every configured provider with capabilities and no secrets', async () => {
    const res = await fetch(`${stack.bff.url}/v1/auth/providers`);
    expect(res.status).toBe(200);
    const text = await res.text();
    const ids = (JSON.parse(text) as { id: string }[]).map((p) => p.id);
    expect(ids.sort()).toEqual([...PROVIDERS].sort());
    expect(text).not.toMatch(/secret/i);
  });
});

function revokeCount(stack: LoginStack): number {
  const counters = stack.sandbox.counterSnapshot() as Record<string, Record<string, Record<string, number>>>;
  return Object.values(counters.bluejeans ?? {}).reduce((sum, kinds) => sum + (kinds.revoke ?? 0), 0);
}
