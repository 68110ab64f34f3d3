import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { createBffClient, type LoginRequired } from '../../packages/client/src/index.js';
import { browserLogin, ManualBrowser } from '../support/browser.js';
import { startLoginStack, type LoginStack } from '../support/login-stack.js';

const APP = 'http://localhost:5173';
const ALICE = { username: 'alice', password: 'alice-password' };

describe('the typed client package against a running BFF', () => {
  let stack: LoginStack;
  beforeAll(async () => {
    stack = await startLoginStack({ LOG_LEVEL: 'error', APP_ORIGINS: APP, CORS_ORIGINS: APP });
  }, 60_000);
  afterAll(async () => stack.close());

  /** A fetch that behaves like the app's browser: its cookie jar, and the Origin header a browser adds. */
  function browserFetch(browser: ManualBrowser, seen: Request[]): typeof fetch {
    return (async (input: Request) => {
      seen.push(input.clone());
      const headers = new Headers(input.headers);
      headers.set('Origin', APP);
      const body = input.method === 'GET' || input.method === 'HEAD' ? undefined : await input.text();
      return browser.request(input.url, { method: input.method, headers, body });
    }) as typeof fetch;
  }

  it('reads /me typed, sends X-CSRF on writes only, and reports provider_not_linked with its loginUrl to one handler', async () => {
    const browser = new ManualBrowser();
    await browserLogin(browser, stack.bff.url, 'bluejeans', ALICE);
    const seen: Request[] = [];
    const loginRequired: LoginRequired[] = [];
    const client = createBffClient({ baseUrl: stack.bff.url, fetch: browserFetch(browser, seen), onLoginRequired: (a) => loginRequired.push(a) });

    const me = await client.GET('/v1/auth/me');
    expect(me.data?.linkedAccounts.map((a) => a.provider)).toEqual(['bluejeans']);
    expect(seen[0].headers.get('x-csrf')).toBeNull();
    expect(seen[0].credentials).toBe('include');

    const relayed = await client.relay('bluejeans', `v1/user/${me.data!.linkedAccounts[0].subject}`);
    expect(relayed.status).toBe(200);
    expect(seen.at(-1)?.url).toBe(`${stack.bff.url}/v1/api/bluejeans/v1/user/${me.data!.linkedAccounts[0].subject}`);
    const notLinked = await client.relay('calcom', 'v2/me');
    expect(notLinked.status).toBe(409);
    expect(loginRequired).toEqual([expect.objectContaining({ code: 'provider_not_linked', loginUrl: expect.stringContaining(`${stack.bff.url}/v1/auth/calcom/login`) })]);

    const logout = await client.POST('/v1/auth/logout', { params: { query: {} } });
    expect(logout.response.status).toBe(204);
    expect(seen.at(-1)?.headers.get('x-csrf')).toBe('1');
    expect((await client.GET('/v1/auth/me')).response.status).toBe(401);
  });
});
