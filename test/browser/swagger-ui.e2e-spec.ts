import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { Browser, Page } from 'playwright-core';
import { SANDBOX_KINDS, startLoginStack, type LoginStack } from '../support/login-stack.js';
import { launchChromium, scenario, signInAtSandbox } from './chromium.js';

const ALICE = { username: 'alice', password: 'alice-password', id: '1001' };
// What an ops person types into "Try it out" for alice (sandbox ids are user ids).
const TRY_IT_VALUES: Record<string, string> = { user_id: ALICE.id, account_id: ALICE.id };

interface ServedSpec {
  paths: Record<string, Record<string, { operationId: string; parameters?: { name: string; in: string }[] }>>;
}

/** A GET relay operation of `provider` whose path parameters ops can fill in for alice. */
async function fillableOperation(page: Page, bffUrl: string, provider: string): Promise<{ operationId: string; params: string[] }> {
  const spec = (await (await page.request.get(`${bffUrl}/docs/openapi.json`)).json()) as ServedSpec;
  for (const [path, item] of Object.entries(spec.paths)) {
    if (!path.startsWith(`/v1/api/${provider}/`) || !item.get) continue;
    const params = (item.get.parameters ?? []).filter((p) => p.in === 'path').map((p) => p.name);
    if (params.every((name) => name in TRY_IT_VALUES)) return { operationId: item.get.operationId, params };
  }
  throw new Error(`no fillable relay operation for ${provider}`);
}

/**
 * Swagger UI itself in Chromium, as ops use it: the page says who is signed in and links a
 * login per provider; after logging in through that link (a new tab), "Try it out" on a per-template
 * relay operation sends the session cookie and gets the upstream's 200.
 */
describe('Swagger UI in Chromium', () => {
  let stack: LoginStack;
  let browser: Browser;
  beforeAll(async () => {
    stack = await startLoginStack({ LOG_LEVEL: 'error' });
    browser = await launchChromium();
  }, 120_000);
  afterAll(async () => {
    await browser?.close();
    await stack?.close();
  });

  it.each(SANDBOX_KINDS)('%s: shows "Not signed in" with login links, logs in through its link, then "Try it out" relays with 200', async (provider) => {
    await scenario(browser, `swagger-ui-${provider}`, async (page) => {
      const docs = `${stack.bff.url}/docs`;
      await page.goto(docs);
      const info = page.locator('.information-container');
      await expect(info.getByText('Not signed in.').count()).resolves.toBe(1);
      for (const id of SANDBOX_KINDS) await expect(info.locator(`a[href="/v1/auth/${id}/login?returnTo=/docs"]`).count()).resolves.toBe(1);

      // Swagger UI opens description links in a new tab; the login ends there, back on /docs.
      const [tab] = await Promise.all([page.waitForEvent('popup'), info.locator(`a[href="/v1/auth/${provider}/login?returnTo=/docs"]`).click()]);
      tab.setDefaultTimeout(60_000);
      await tab.waitForURL((url) => url.toString().startsWith(stack.sandboxUrl));
      await signInAtSandbox(tab, docs, ALICE);
      expect(tab.url()).toBe(docs);
      const signedIn = tab.locator('.information-container');
      await signedIn.getByText('Signed in:').waitFor();
      await expect(signedIn.textContent()).resolves.toContain(`linked: ${provider}`);

      const { operationId, params } = await fillableOperation(tab, stack.bff.url, provider);
      const operation = tab.locator(`[id="operations-relay-${operationId}"]`);
      await operation.locator('.opblock-summary').first().click();
      await operation.locator('button.try-out__btn').click();
      for (const name of params) await operation.locator(`tr[data-param-name="${name}"] input`).fill(TRY_IT_VALUES[name]);
      await operation.locator('button.execute').click();
      const status = operation.locator('.live-responses-table .response .response-col_status').first();
      await status.waitFor();
      await expect(status.textContent()).resolves.toMatch(/^\s*200/);
    });
  }, 180_000);
});
