import { createHash, randomBytes } from 'node:crypto';
import { parseForm, type ManualBrowser } from '../unit/sandbox/helpers/manual-browser.js';
import type { Credentials } from '../support/browser.js';

export const APP_REDIRECT = 'com.example.app:/oauth';
export const APP_LINK = 'https://app.example.test/oauth/callback';

/** A native app's own PKCE pair (RFC 7636 S256). */
export function pkcePair(): { verifier: string; challenge: string } {
  const verifier = randomBytes(32).toString('base64url');
  return { verifier, challenge: createHash('sha256').update(verifier).digest('base64url') };
}

export function nativeLoginUrl(bffUrl: string, provider: string, params: { redirectUri: string; codeChallenge: string; state?: string }): string {
  const query = new URLSearchParams({ client: 'native', ...params });
  return `${bffUrl}/v1/auth/${provider}/login?${query.toString()}`;
}

/**
 * What the system browser does for a native app: follow redirects, fill the
 * provider's login form, and stop when a redirect points at the app's redirect URI
 * (which the OS would hand to the app). Returns that URL.
 */
export async function systemBrowserLogin(browser: ManualBrowser, startUrl: string, appRedirect: string, user: Credentials): Promise<URL> {
  let url = startUrl;
  let res = await browser.get(url);
  for (let hop = 0; hop < 20; hop++) {
    const location = res.headers.get('location');
    if (res.status >= 300 && res.status < 400 && location) {
      if (location.startsWith(appRedirect)) return new URL(location);
      url = new URL(location, url).toString();
      res = await browser.get(url);
      continue;
    }
    const html = await res.text();
    if (res.status !== 200 || !html.includes('<form')) throw new Error(`unexpected page ${res.status} at ${url}: ${html.slice(0, 300)}`);
    const form = parseForm(html, url);
    const fields: Record<string, string> = html.includes('name="username"') ? { username: user.username, password: user.password } : html.includes('name="login"') ? { login: user.username, password: user.password } : {};
    res = await browser.postForm(form.action, { ...form.hidden, ...fields });
    url = form.action;
  }
  throw new Error('login never reached the app redirect URI');
}

export async function redeem(bffUrl: string, code: string, codeVerifier: string): Promise<Response> {
  return fetch(`${bffUrl}/v1/auth/native/token`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ code, codeVerifier }) });
}

export function bearer(token: string): { authorization: string } {
  return { authorization: `Bearer ${token}` };
}
