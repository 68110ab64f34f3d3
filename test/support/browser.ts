import { ManualBrowser, parseForm } from '../unit/sandbox/helpers/manual-browser.js';

export { ManualBrowser };

export interface Credentials {
  username: string;
  password: string;
}

/**
 * Drives a login the way a browser and a person would: follow redirects, fill
 * whatever form the provider shows (its login page, oidc-provider's login and
 * consent), and stop after the BFF's callback answered.
 */
export async function browserLogin(browser: ManualBrowser, bffUrl: string, provider: string, user: Credentials, returnTo = '/app', callbackHeaders?: Record<string, string>): Promise<Response> {
  let url = `${bffUrl}/v1/auth/${provider}/login?returnTo=${encodeURIComponent(returnTo)}`;
  let res = await browser.get(url);
  const callbackPrefix = `${bffUrl}/v1/auth/${provider}/callback`;
  for (let hop = 0; hop < 20; hop++) {
    const location = res.headers.get('location');
    if (res.status >= 300 && res.status < 400 && location) {
      const next = new URL(location, url).toString();
      if (next.startsWith(callbackPrefix)) return callbackHeaders ? browser.request(next, { headers: callbackHeaders }) : browser.get(next);
      url = next;
      res = await browser.get(url);
      continue;
    }
    const html = await res.text();
    if (res.status !== 200 || !html.includes('<form')) throw new Error(`unexpected page ${res.status} at ${url}: ${html.slice(0, 300)}`);
    const form = parseForm(html, url);
    res = await browser.postForm(form.action, { ...form.hidden, ...fieldsFor(html, user) });
    url = form.action;
  }
  throw new Error('login did not reach the callback');
}

function fieldsFor(html: string, user: Credentials): Record<string, string> {
  if (html.includes('name="username"')) return { username: user.username, password: user.password };
  if (html.includes('name="login"')) return { login: user.username, password: user.password };
  return {};
}
