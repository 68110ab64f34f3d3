import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { mkdirSync } from 'node:fs';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { freePort } from '../support/free-port.js';
import { SANDBOX_KINDS, startLoginStack, type LoginStack } from '../support/login-stack.js';
import { startDemoServer, type DemoServer } from './demo-server.js';

// Debian's chromium (.ci/run installs it); playwright-core never downloads a browser here.
const CHROMIUM = '/usr/bin/chromium';
const CHROMIUM_ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'];
const SCREENSHOTS = 'test-results/browser';
const ALICE = { username: 'alice', password: 'alice-password' };
// The per-provider scenarios give alice one user per provider; linking needs accounts of no other user.
const OPS = { username: 'ops', password: 'ops-password' };
const UI_TIMEOUT_MS = 60_000;

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
    browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
  }, 120_000);
  afterAll(async () => {
    await browser?.close();
    await demo?.stop();
    await stack?.close();
  });

  /** Runs a scenario in a fresh browser profile; on failure the page is saved as a screenshot. */
  async function scenario(name: string, run: (page: Page, context: BrowserContext) => Promise<void>): Promise<void> {
    const context = await browser.newContext();
    const page = await context.newPage();
    page.setDefaultTimeout(UI_TIMEOUT_MS);
    try {
      await run(page, context);
    } catch (error) {
      mkdirSync(SCREENSHOTS, { recursive: true });
      await page.screenshot({ path: `${SCREENSHOTS}/${name}.png`, fullPage: true }).catch(() => undefined);
      throw error;
    } finally {
      await context.close();
    }
  }

  /** Clicks a login/link button of the app and signs in at the sandbox; ends back in the app. */
  async function loginThroughApp(page: Page, provider: string, user = ALICE): Promise<void> {
    await page.locator(`a[data-provider="${provider}"]`).click();
    await page.waitForURL((url) => url.toString().startsWith(stack.sandboxUrl));
    for (let hop = 0; hop < 5 && !page.url().startsWith(demo.url); hop++) {
      if (await page.locator('input[name="username"]').count()) await page.fill('input[name="username"]', user.username);
      if (await page.locator('input[name="password"]').count()) await page.fill('input[name="password"]', user.password);
      await Promise.all([page.waitForEvent('framenavigated'), page.locator('form button[type="submit"]').first().click()]);
      await page.waitForLoadState();
    }
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
