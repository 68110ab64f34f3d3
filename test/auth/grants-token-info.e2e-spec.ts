import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { browserLogin, ManualBrowser } from '../support/browser.js';
import { startLoginStack, type LoginStack } from '../support/login-stack.js';

const ALICE = { username: 'alice', password: 'alice-password' };

describe('GET /v1/auth/{provider}/token-info', () => {
  let stack: LoginStack;
  beforeAll(async () => {
    stack = await startLoginStack({ LOG_LEVEL: 'error' });
  }, 60_000);
  afterAll(async () => stack.close());

  function apiCalls(provider: string): number {
    const counters = stack.sandbox.counterSnapshot() as Record<string, Record<string, Record<string, number>>>;
    return Object.values(counters[provider] ?? {}).reduce((sum, kinds) => sum + (kinds.api ?? 0), 0);
  }

  it.each(['bluejeans', 'phonecom', 'calcom'])('%s: shows the provider view of the linked token, then serves it from the cache', async (provider) => {
    const browser = new ManualBrowser();
    await browserLogin(browser, stack.bff.url, provider, ALICE);
    const first = await browser.request(`${stack.bff.url}/v1/auth/${provider}/token-info`);
    expect(first.status).toBe(200);
    const body = (await first.json()) as { provider: string; info: Record<string, unknown>; cached: boolean };
    expect(body.provider).toBe(provider);
    expect(Object.keys(body.info).length).toBeGreaterThan(0);
    expect(body.cached).toBe(false);
    const calls = apiCalls(provider);
    const second = (await (await browser.request(`${stack.bff.url}/v1/auth/${provider}/token-info`)).json()) as { cached: boolean };
    expect(second.cached).toBe(true);
    expect(apiCalls(provider)).toBe(calls);
  });

  it('answers 409 where the provider has no token info (genesys) and where no account is linked', async () => {
    const browser = new ManualBrowser();
    await browserLogin(browser, stack.bff.url, 'genesys', { username: 'bob', password: 'bob-password' });
    const unsupported = await browser.request(`${stack.bff.url}/v1/auth/genesys/token-info`);
    expect([unsupported.status, ((await unsupported.json()) as { code: string }).code]).toEqual([409, 'token_info_not_supported']);
    const unlinked = await browser.request(`${stack.bff.url}/v1/auth/bluejeans/token-info`);
    expect([unlinked.status, ((await unlinked.json()) as { code: string }).code]).toEqual([409, 'provider_not_linked']);
  });

  it('needs a session', async () => {
    expect((await fetch(`${stack.bff.url}/v1/auth/bluejeans/token-info`)).status).toBe(401);
  });
});
