import { mkdirSync } from 'node:fs';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';

// Debian's chromium (.ci/run installs it); playwright-core never downloads a browser here.
const CHROMIUM = '/usr/bin/chromium';
const CHROMIUM_ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'];
const SCREENSHOTS = 'test-results/browser';
const UI_TIMEOUT_MS = 60_000;

export function launchChromium(): Promise<Browser> {
  return chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
}

/** Runs a scenario in a fresh browser profile; on failure the page is saved as a screenshot. */
export async function scenario(browser: Browser, name: string, run: (page: Page, context: BrowserContext) => Promise<void>): Promise<void> {
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

/** Signs in at the sandbox's login (and consent) pages until the browser is back at `home`. */
export async function signInAtSandbox(page: Page, home: string, user: { username: string; password: string }): Promise<void> {
  for (let hop = 0; hop < 5 && !page.url().startsWith(home); hop++) {
    if (await page.locator('input[name="username"]').count()) await page.fill('input[name="username"]', user.username);
    if (await page.locator('input[name="password"]').count()) await page.fill('input[name="password"]', user.password);
    await Promise.all([page.waitForEvent('framenavigated'), page.locator('form button[type="submit"]').first().click()]);
    await page.waitForLoadState();
  }
}
