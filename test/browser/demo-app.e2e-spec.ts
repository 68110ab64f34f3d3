import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { freePort } from '../support/free-port.js';
import { SANDBOX_KINDS, startLoginStack, type LoginStack } from '../support/login-stack.js';
import { launchChromium, scenario as scenarioIn, signInAtSandbox } from './chromium.js';
import { startDemoServer, type DemoServer } from './demo-server.js';

const ALICE = { username: 'alice', password: 'alice-password' };
// The per-provider scenarios give alice one user per provider; linking needs accounts of no other user.
const OPS = { username: 'ops', password: 'ops-password' };

/**
 * A real browser drives the demo app (examples/web) on its own origin against the BFF:
 * cross-origin fetches with credentials, CORS, the CSRF header, SameSite=Lax cookies.
 * Both run on 127.0.0.1 (different ports): different origins, the same site, as an app
 * on app.example.com and a BFF on bff.example.com would be.
 */
describe('the demo app in Chromium', () => {
  let stack: LoginStack;
  let demo: DemoServer;
  let browser: Browser;
  beforeAll(async () => {
    const demoPort = await freePort();
    const demoOrigin = `http://127.0.0.1:${demoPort}`;
    stack = await startLoginStack({ LOG_LEVEL: 'error', APP_ORIGINS: demoOrigin, CORS_ORIGINS: demoOrigin });
    demo = await startDemoServer('127.0.0.1', demoPort, stack.bff.url);
    browser = await launchChromium();
  }, 120_000);
  afterAll(async () => {
    await browser?.close();
    await demo?.stop();
    await stack?.close();
  });

  const scenario = (name: string, run: (page: Page, context: BrowserContext) => Promise<void>) => scenarioIn(browser, name, run);

  /** Clicks a login/link button of the app and signs in at the sandbox; ends back in the app. */
  async function loginThroughApp(page: Page, provider: string, user = ALICE): Promise<void> {
    await page.locator(`a[data-provider="${provider}"]`).click();
    await page.waitForURL((url) => url.toString().startsWith(stack.sandboxUrl));
    await signInAtSandbox(page, demo.url, user);
    expect(page.url().startsWith(demo.url)).toBe(true);
  }

  it.each(SANDBOX_KINDS)('%s: logs in from the app, stores a hardened cookie, relays a call, and logs out', async (provider) => {
    await scenario(`login-${provider}`, async (page, context) => {
      await page.goto(demo.url);
      await page.waitForSelector('body[data-state="signed-out"]');
      await loginThroughApp(page, provider);
      await page.waitForSelector('body[data-state="signed-in"]');
      await expect(page.locator('#linked li').allTextContents()).resolves.toEqual([expect.stringMatching(new RegExp(`^${provider}: .* \\(active\\)$`))]);

      const cookies = await context.cookies(stack.bff.url);
      const session = cookies.find((c) => c.name === '__Host-bff_session');
      expect(session).toEqual(expect.objectContaining({ httpOnly: true, secure: true, sameSite: 'Lax', path: '/', domain: '127.0.0.1' }));
      // HttpOnly: the app's scripts cannot read it.
      await expect(page.evaluate<string>('document.cookie')).resolves.not.toContain('bff_session');

      await page.locator(`[data-relay="${provider}"]`).click();
      await expect(page.locator(`#relay-result[data-provider="${provider}"]`).getAttribute('data-status')).resolves.toBe('200');

      await page.locator('#logout').click();
      await page.waitForSelector('body[data-state="signed-out"]');
      const after = await context.cookies(stack.bff.url);
      expect(after.find((c) => c.name === '__Host-bff_session')).toBeUndefined();
    });
  }, 180_000);

  it('links a second provider, shows provider_not_linked with a login link, and ends this session', async () => {
    await scenario('link-and-end-session', async (page) => {
      await page.goto(demo.url);
      await loginThroughApp(page, 'bluejeans', OPS);
      await page.waitForSelector('body[data-state="signed-in"]');
      await loginThroughApp(page, 'phonecom', OPS);
      await page.waitForSelector('#linked li:nth-child(2)');
      await expect(page.locator('#linked li').allTextContents()).resolves.toEqual([expect.stringMatching(/^bluejeans: /), expect.stringMatching(/^phonecom: /)]);
      await page.locator('[data-relay="phonecom"]').click();
      await expect(page.locator('#relay-result[data-provider="phonecom"]').getAttribute('data-status')).resolves.toBe('200');

      await page.locator('[data-relay="calcom"]').click();
      await expect(page.locator('#relay-result[data-provider="calcom"]').getAttribute('data-status')).resolves.toBe('409');
      await expect(page.locator('#notice').textContent()).resolves.toContain('provider_not_linked');
      await expect(page.locator('#notice a[data-action="login-again"]').getAttribute('href')).resolves.toContain(`${stack.bff.url}/v1/auth/calcom/login`);

      await expect(page.locator('#sessions li').count()).resolves.toBe(1);
      await page.locator('#sessions li button[data-action="end-session"]').click();
      await page.waitForSelector('body[data-state="signed-out"]');
    });
  }, 180_000);

  it('a login the provider refuses comes back into the app with the error and a request id', async () => {
    await scenario('login-refused', async (page) => {
      await page.goto(demo.url);
      await page.locator('a[data-provider="bluejeans"]').click();
      await page.waitForURL((url) => url.toString().startsWith(stack.sandboxUrl));
      // What the provider does when the user says no: back to the BFF's callback with error=access_denied.
      const state = new URL(page.url()).searchParams.get('state');
      await page.goto(`${stack.bff.url}/v1/auth/bluejeans/callback?error=access_denied&state=${state}`);
      await page.waitForSelector('#notice[data-error="provider_refused"]');
      expect(page.url()).toBe(`${demo.url}/`);
      await expect(page.locator('#notice').textContent()).resolves.toMatch(/provider_refused; request id [\w-]+/);
      await page.waitForSelector('body[data-state="signed-out"]');
    });
  }, 180_000);
});
