import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { createHash } from 'node:crypto';
import { KvStore } from '../../src/redis/kv-store.port.js';
import { ManualBrowser } from '../support/browser.js';
import { startLoginStack, type LoginStack } from '../support/login-stack.js';
import { APP_LINK, APP_REDIRECT, bearer, nativeLoginUrl, pkcePair, redeem, systemBrowserLogin } from './native-app.js';

const ALICE = { username: 'alice', password: 'alice-password' };

type Problem = { code: string; detail: string };

describe('native apps: system-browser login, hand-off code, bearer session', () => {
  let stack: LoginStack;
  beforeAll(async () => {
    stack = await startLoginStack({ LOG_LEVEL: 'error', NATIVE_REDIRECT_URIS: `${APP_REDIRECT},${APP_LINK}` });
  }, 60_000);
  afterAll(async () => stack.close());

  /** Runs the browser leg and answers the hand-off code the app received. */
  async function handOff(challenge: string, provider = 'bluejeans', redirectUri = APP_REDIRECT): Promise<URL> {
    return systemBrowserLogin(new ManualBrowser(), nativeLoginUrl(stack.bff.url, provider, { redirectUri, codeChallenge: challenge, state: 'app-state-1' }), redirectUri, ALICE);
  }

  it('completes the flow: app redirect with code and state, token for the verifier, /me, session list, logout', async () => {
    const browser = new ManualBrowser();
    const { verifier, challenge } = pkcePair();
    const start = nativeLoginUrl(stack.bff.url, 'bluejeans', { redirectUri: APP_REDIRECT, codeChallenge: challenge, state: 'app-state-1' });
    const appUrl = await systemBrowserLogin(browser, start, APP_REDIRECT, ALICE);
    expect(`${appUrl.protocol}${appUrl.pathname}`).toBe(APP_REDIRECT);
    expect(appUrl.searchParams.get('state')).toBe('app-state-1');
    const code = appUrl.searchParams.get('code')!;
    expect(code).toMatch(/^[A-Za-z0-9_-]{43}$/);
    // The system browser got no session: native logins never set the cookie.
    expect(browser.cookie('__Host-bff_session')).toBeUndefined();

    const res = await redeem(stack.bff.url, code, verifier);
    expect(res.status).toBe(200);
    expect(res.headers.get('cache-control')).toContain('no-store');
    const body = (await res.json()) as { token: string; tokenType: string; expiresAt: string };
    expect(body.tokenType).toBe('Bearer');
    expect(body.token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    const days = (Date.parse(body.expiresAt) - Date.now()) / 86_400_000;
    expect(days).toBeGreaterThan(89);

    const me = await fetch(`${stack.bff.url}/v1/auth/me`, { headers: bearer(body.token) });
    expect(me.status).toBe(200);
    const meBody = (await me.json()) as { session: { kind: string; id: string }; linkedAccounts: { provider: string }[] };
    expect(meBody.session.kind).toBe('native');
    expect(meBody.linkedAccounts.map((a) => a.provider)).toEqual(['bluejeans']);

    // The same bearer reaches the provider's API through the relay; the app never holds a provider token.
    const subject = ((await (await fetch(`${stack.bff.url}/v1/auth/me`, { headers: bearer(body.token) })).json()) as { linkedAccounts: { subject: string }[] }).linkedAccounts[0].subject;
    const relayed = await fetch(`${stack.bff.url}/v1/api/bluejeans/v1/user/${subject}`, { headers: bearer(body.token) });
    expect(relayed.status).toBe(200);
    expect(((await relayed.json()) as { id: unknown }).id).toBeDefined();

    const listed = await fetch(`${stack.bff.url}/v1/sessions`, { headers: bearer(body.token) });
    const { sessions } = (await listed.json()) as { sessions: { id: string; kind: string; current: boolean }[] };
    expect(sessions.find((s) => s.current)).toEqual(expect.objectContaining({ id: meBody.session.id, kind: 'native' }));

    // Bearer requests are CSRF-exempt: no X-CSRF, no Origin.
    const out = await fetch(`${stack.bff.url}/v1/auth/logout`, { method: 'POST', headers: bearer(body.token) });
    expect(out.status).toBe(204);
    expect((await fetch(`${stack.bff.url}/v1/auth/me`, { headers: bearer(body.token) })).status).toBe(401);
  });

  it('works with a claimed https link as the redirect URI', async () => {
    const { verifier, challenge } = pkcePair();
    const appUrl = await handOff(challenge, 'phonecom', APP_LINK);
    expect(appUrl.origin + appUrl.pathname).toBe(APP_LINK);
    expect((await redeem(stack.bff.url, appUrl.searchParams.get('code')!, verifier)).status).toBe(200);
  });

  it('refuses a replayed hand-off code', async () => {
    const { verifier, challenge } = pkcePair();
    const code = (await handOff(challenge)).searchParams.get('code')!;
    expect((await redeem(stack.bff.url, code, verifier)).status).toBe(200);
    const again = await redeem(stack.bff.url, code, verifier);
    expect(again.status).toBe(400);
    expect(((await again.json()) as Problem).code).toBe('invalid_handoff');
  });

  it('refuses a wrong verifier, and the attempt burns the code', async () => {
    const { verifier, challenge } = pkcePair();
    const code = (await handOff(challenge)).searchParams.get('code')!;
    const wrong = await redeem(stack.bff.url, code, pkcePair().verifier);
    expect(wrong.status).toBe(400);
    const problem = (await wrong.json()) as Problem;
    expect(problem.code).toBe('invalid_handoff');
    expect((await redeem(stack.bff.url, code, verifier)).status).toBe(400);
  });

  it('refuses an unknown code with the same generic message', async () => {
    const { verifier, challenge } = pkcePair();
    const code = (await handOff(challenge)).searchParams.get('code')!;
    const unknown = await redeem(stack.bff.url, pkcePair().verifier, verifier);
    const wrongVerifier = await redeem(stack.bff.url, code, pkcePair().verifier);
    const [a, b] = [(await unknown.json()) as Problem, (await wrongVerifier.json()) as Problem];
    expect([unknown.status, a.code]).toEqual([400, 'invalid_handoff']);
    expect(a.detail).toBe(b.detail);
  });

  it.each([
    ['not on the list', 'com.evil.app:/oauth'],
    ['a prefix trick', `${APP_REDIRECT}/../evil`],
    ['another https host', 'https://evil.example/oauth/callback'],
  ])('refuses a redirect URI that is %s, before any provider redirect', async (_label, redirectUri) => {
    const res = await fetch(nativeLoginUrl(stack.bff.url, 'bluejeans', { redirectUri, codeChallenge: pkcePair().challenge }), { redirect: 'manual' });
    expect(res.status).toBe(400);
    expect(res.headers.get('location')).toBeNull();
    expect(((await res.json()) as Problem).code).toBe('native_redirect_uri_invalid');
  });

  it('refuses a code challenge that is not S256-shaped', async () => {
    const res = await fetch(nativeLoginUrl(stack.bff.url, 'bluejeans', { redirectUri: APP_REDIRECT, codeChallenge: 'plain-verifier' }), { redirect: 'manual' });
    expect(res.status).toBe(400);
    expect(((await res.json()) as Problem).code).toBe('native_code_challenge_invalid');
  });

  it('answers 401 for an expired native bearer token', async () => {
    const { verifier, challenge } = pkcePair();
    const code = (await handOff(challenge)).searchParams.get('code')!;
    const { token } = (await (await redeem(stack.bff.url, code, verifier)).json()) as { token: string };
    // Age the record as the clock would: the service checks the record's own timestamps, not just the TTL.
    const kv = stack.bff.app.get(KvStore);
    const key = `sess:${createHash('sha256').update(token).digest('hex')}`;
    const record = JSON.parse((await kv.get(key))!) as { absoluteExpiresAt: number };
    await kv.set(key, JSON.stringify({ ...record, absoluteExpiresAt: Date.now() - 1_000 }), 60_000);
    const res = await fetch(`${stack.bff.url}/v1/auth/me`, { headers: bearer(token) });
    expect(res.status).toBe(401);
    expect(res.headers.get('www-authenticate')).toContain('invalid_token');
  });

  it('validates the token request body', async () => {
    const res = await fetch(`${stack.bff.url}/v1/auth/native/token`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ code: 'x', codeVerifier: 'short' }) });
    expect(res.status).toBe(400);
    const problem = (await res.json()) as Problem & { errors: { field: string }[] };
    expect(problem.code).toBe('validation_failed');
    expect(problem.errors.map((e) => e.field)).toEqual(['codeVerifier']);
  });
});
