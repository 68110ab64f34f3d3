import { afterAll, afterEach, beforeAll, describe, expect, it } from '@jest/globals';
import { DataSource } from 'typeorm';
import { APP_REDIRECT, bearer, nativeLoginUrl, pkcePair, redeem, systemBrowserLogin } from '../auth/native-app.js';
import { browserLogin, ManualBrowser } from '../support/browser.js';
import { startLoginStack, type LoginStack } from '../support/login-stack.js';

const PROVIDER = 'bluejeans';
const BOB = { username: 'bob', password: 'bob-password' };
const ROUNDS = 4;

interface Answer {
  call: string;
  status: number;
  code?: string;
  provider?: string;
  loginUrl?: string;
}

/**
 * Issue 15 item 8: when the provider refuses our refresh token, every call that needed the
 * link (relay, token-info) and every call on a session that depended on it (/me) answers one
 * thing: 401 reauth_required with loginUrl. Before, callers racing the refusal read a
 * timing-dependent mix with 401 unauthenticated (the session was deleted under them) and 409.
 *
 * Each round: a fresh login, the stored access token expired in the database, the sandbox
 * told to refuse the refresh, then a first wave of relay + token-info calls, and a second wave
 * (adding /me) sent the moment the first answer arrives, i.e. racing and following the refusal.
 */
describe('one answer when a refresh ends in invalid_grant under concurrency', () => {
  let stack: LoginStack;
  beforeAll(async () => {
    stack = await startLoginStack({ LOG_LEVEL: 'error', NATIVE_REDIRECT_URIS: APP_REDIRECT });
  }, 60_000);
  afterEach(() => {
    stack.sandbox.faults.clear();
  });
  afterAll(async () => stack.close());

  async function subjectOf(headers: Record<string, string>): Promise<string> {
    const me = (await (await fetch(`${stack.bff.url}/v1/auth/me`, { headers })).json()) as { linkedAccounts: { provider: string; subject: string }[] };
    return me.linkedAccounts.find((a) => a.provider === PROVIDER)!.subject;
  }

  async function webSession(): Promise<Record<string, string>> {
    const browser = new ManualBrowser();
    expect((await browserLogin(browser, stack.bff.url, PROVIDER, BOB)).status).toBe(302);
    return { cookie: `__Host-bff_session=${browser.cookie('__Host-bff_session')}` };
  }

  async function nativeSession(): Promise<Record<string, string>> {
    const { verifier, challenge } = pkcePair();
    const appUrl = await systemBrowserLogin(new ManualBrowser(), nativeLoginUrl(stack.bff.url, PROVIDER, { redirectUri: APP_REDIRECT, codeChallenge: challenge }), APP_REDIRECT, BOB);
    const res = await redeem(stack.bff.url, appUrl.searchParams.get('code')!, verifier);
    expect(res.status).toBe(200);
    return bearer(((await res.json()) as { token: string }).token);
  }

  async function call(name: string, path: string, headers: Record<string, string>): Promise<Answer> {
    const res = await fetch(`${stack.bff.url}${path}`, { headers });
    const body = (await res.json().catch(() => ({}))) as Omit<Answer, 'call' | 'status'>;
    return { call: name, status: res.status, code: body.code, provider: body.provider, loginUrl: body.loginUrl };
  }

  async function raceTheRefusal(headers: Record<string, string>): Promise<Answer[]> {
    const subject = await subjectOf(headers);
    // Expired in storage, so every call below needs a refresh (nothing was cached: no call used the token yet).
    await stack.bff.app.get(DataSource).query(`UPDATE linked_accounts SET access_expires_at = now() - interval '1 minute' WHERE provider = $1 AND subject = $2`, [PROVIDER, subject]);
    stack.sandbox.faults.arm(PROVIDER, 'refresh', { invalidGrant: true });
    const relay = () => call('relay', `/v1/api/${PROVIDER}/v1/user/${subject}`, headers);
    const tokenInfo = () => call('token-info', `/v1/auth/${PROVIDER}/token-info`, headers);
    const me = () => call('me', '/v1/auth/me', headers);

    const first = [...Array.from({ length: 12 }, relay), ...Array.from({ length: 6 }, tokenInfo)];
    await Promise.race(first);
    const second = [...Array.from({ length: 6 }, me), ...Array.from({ length: 6 }, relay), ...Array.from({ length: 4 }, tokenInfo)];
    const answers = await Promise.all([...first, ...second]);
    // And after the race has settled, the same answer again.
    answers.push(await me(), await relay(), await tokenInfo());
    return answers;
  }

  const expected = { status: 401, code: 'reauth_required', provider: PROVIDER, loginUrl: `/v1/auth/${PROVIDER}/login` };

  it.each([
    ['web (cookie)', () => webSession()],
    ['native (bearer)', () => nativeSession()],
  ] as const)(`%s session: every call racing or following the refusal answers 401 reauth_required with loginUrl, ${ROUNDS} rounds`, async (_kind, login) => {
    let headers: Record<string, string> = {};
    for (let round = 0; round < ROUNDS; round++) {
      headers = await login();
      const answers = await raceTheRefusal(headers);
      expect(answers.length).toBe(37);
      expect(answers.filter((a) => a.status !== expected.status || a.code !== expected.code || a.provider !== expected.provider || a.loginUrl !== expected.loginUrl)).toEqual([]);
    }
    // Logout still works on such a session (it removes what is left); after it the token is simply unknown.
    const logout = await fetch(`${stack.bff.url}/v1/auth/logout`, { method: 'POST', headers: { ...headers, 'X-CSRF': '1', Origin: stack.bff.url } });
    expect(logout.status).toBe(204);
    expect(await call('me', '/v1/auth/me', headers)).toMatchObject({ status: 401, code: 'unauthenticated' });
    // A new login is the way out: its session and link work again.
    const fresh = await login();
    expect((await call('relay', `/v1/api/${PROVIDER}/v1/user/${await subjectOf(fresh)}`, fresh)).status).toBe(200);
  }, 120_000);
});
