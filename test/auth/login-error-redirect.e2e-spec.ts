import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { createHash, randomBytes } from 'node:crypto';
import { browserLogin, ManualBrowser } from '../support/browser.js';
import { startLoginStack, type LoginStack } from '../support/login-stack.js';

const APP = 'http://localhost:5173';
const NATIVE_REDIRECT = 'com.example.app:/oauth';
const ALICE = { username: 'alice', password: 'alice-password' };
const BOB = { username: 'bob', password: 'bob-password' };
// What a browser sends when it loads a page; scripts and API clients get problem+json instead.
const PAGE = { accept: 'text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8' };

describe('failed logins come back to the app', () => {
  let stack: LoginStack;
  beforeAll(async () => {
    stack = await startLoginStack({ LOG_LEVEL: 'error', APP_ORIGINS: APP, CORS_ORIGINS: APP, NATIVE_REDIRECT_URIS: NATIVE_REDIRECT });
  }, 60_000);
  afterAll(async () => stack.close());

  /** Starts a login and returns the `state` the BFF sent to the provider (the browser keeps the binding cookie). */
  async function startLogin(browser: ManualBrowser, query: string): Promise<string> {
    const res = await browser.get(`${stack.bff.url}/v1/auth/bluejeans/login?${query}`);
    expect(res.status).toBe(302);
    return new URL(res.headers.get('location')!).searchParams.get('state')!;
  }

  it('a provider refusal redirects to the safe returnTo with error and request id, not a JSON page', async () => {
    const browser = new ManualBrowser();
    const state = await startLogin(browser, `returnTo=${encodeURIComponent('/app?tab=2#top')}`);
    const res = await browser.request(`${stack.bff.url}/v1/auth/bluejeans/callback?error=access_denied&state=${state}`, { headers: PAGE });
    expect(res.status).toBe(302);
    const requestId = res.headers.get('x-request-id')!;
    expect(res.headers.get('location')).toBe(`/app?tab=2&error=provider_refused&requestId=${requestId}#top`);
  });

  it('a forged error callback does not cancel the login this browser has in flight', async () => {
    const browser = new ManualBrowser();
    await startLogin(browser, 'returnTo=/app');
    const forged = await browser.request(`${stack.bff.url}/v1/auth/bluejeans/callback?error=access_denied`, { headers: PAGE });
    expect(forged.headers.get('location')).toMatch(/^\/app\?error=provider_refused&requestId=/);
    // The binding cookie survived: the same browser can still finish a login.
    const done = await browserLogin(browser, stack.bff.url, 'bluejeans', ALICE, '/app');
    expect([done.status, done.headers.get('location')]).toEqual([302, '/app']);
  });

  it('linking an account that belongs to another user redirects to the app origin with account_linked_elsewhere', async () => {
    await browserLogin(new ManualBrowser(), stack.bff.url, 'bluejeans', BOB);
    const other = new ManualBrowser();
    await browserLogin(other, stack.bff.url, 'phonecom', ALICE);
    const res = await browserLogin(other, stack.bff.url, 'bluejeans', BOB, `${APP}/settings`, PAGE);
    expect(res.status).toBe(302);
    const location = new URL(res.headers.get('location')!);
    expect(`${location.origin}${location.pathname}`).toBe(`${APP}/settings`);
    expect(location.searchParams.get('error')).toBe('account_linked_elsewhere');
    expect(location.searchParams.get('requestId')).toBe(res.headers.get('x-request-id'));
  });

  it('a native login the provider refuses returns to the app redirect URI with error and the app state', async () => {
    const browser = new ManualBrowser();
    const challenge = createHash('sha256').update(randomBytes(32).toString('base64url')).digest('base64url');
    const state = await startLogin(browser, `client=native&redirectUri=${encodeURIComponent(NATIVE_REDIRECT)}&codeChallenge=${challenge}&state=app-state-1`);
    const res = await browser.request(`${stack.bff.url}/v1/auth/bluejeans/callback?error=access_denied&state=${state}`, { headers: PAGE });
    expect(res.status).toBe(302);
    const location = new URL(res.headers.get('location')!);
    expect(`${location.protocol}${location.pathname}`).toBe(NATIVE_REDIRECT);
    expect(Object.fromEntries(location.searchParams)).toEqual({ error: 'provider_refused', state: 'app-state-1', requestId: res.headers.get('x-request-id') });
  });

  it('a login request for an unknown provider goes back to an explicit returnTo', async () => {
    const res = await fetch(`${stack.bff.url}/v1/auth/nope/login?returnTo=${encodeURIComponent(`${APP}/`)}`, { redirect: 'manual', headers: PAGE });
    expect(res.status).toBe(302);
    expect(res.headers.get('location')).toMatch(new RegExp(`^${APP}/\\?error=provider_not_found&requestId=`));
  });

  it('stays problem+json for scripts and API clients, and when no app destination is known', async () => {
    const script = new ManualBrowser();
    const state = await startLogin(script, 'returnTo=/app');
    const scripted = await script.get(`${stack.bff.url}/v1/auth/bluejeans/callback?error=access_denied&state=${state}`);
    expect([scripted.status, ((await scripted.json()) as { code: string }).code]).toEqual([400, 'provider_refused']);
    const stray = await fetch(`${stack.bff.url}/v1/auth/bluejeans/callback?error=access_denied`, { redirect: 'manual', headers: PAGE });
    expect(stray.status).toBe(400);
    expect(stray.headers.get('content-type')).toContain('application/problem+json');
    const unregistered = await fetch(`${stack.bff.url}/v1/auth/bluejeans/login?client=native&redirectUri=${encodeURIComponent('com.evil.app:/x')}&codeChallenge=${'a'.repeat(43)}`, { redirect: 'manual', headers: PAGE });
    expect([unregistered.status, ((await unregistered.json()) as { code: string }).code]).toEqual([400, 'native_redirect_uri_invalid']);
    const api = await fetch(`${stack.bff.url}/v1/auth/me`);
    expect([api.status, api.headers.get('content-type')]).toEqual([401, expect.stringContaining('application/problem+json')]);
  });
});
