import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { browserLogin, ManualBrowser } from '../support/browser.js';
import { startBffProcess, type BffProcess } from '../support/bff-process.js';
import { freePort } from '../support/free-port.js';
import { SANDBOX_KINDS } from '../support/login-stack.js';
import { TEST_DATABASE_URL, TEST_REDIS_URL } from '../support/test-env.js';
import { uniqueSuffix } from '../support/unique.js';

const ALICE = { username: 'alice', password: 'alice-password' };

// `PORT=… SANDBOX_PORT=… npm start` on embedded sandbox defaults (no providers file):
// the in-process sandbox must accept the callbacks of this PUBLIC_URL, not only :3000's.
describe('the built service on non-default ports with the in-process sandbox', () => {
  let bff: BffProcess;
  let sandboxPort: number;
  beforeAll(async () => {
    sandboxPort = await freePort();
    const suffix = uniqueSuffix();
    bff = await startBffProcess({
      NODE_ENV: 'test',
      LOG_LEVEL: 'warn',
      DATABASE_URL: TEST_DATABASE_URL,
      DATABASE_SCHEMA: `t_${suffix}`,
      REDIS_URL: TEST_REDIS_URL,
      REDIS_KEY_PREFIX: `t${suffix}:`,
      SANDBOX_ENABLED: 'true',
      SANDBOX_PORT: String(sandboxPort),
      // Generous: this boots a whole process (and the sandbox) on a possibly busy CI machine.
    }, { readyTimeoutMs: 150_000 });
  }, 180_000);
  afterAll(async () => bff?.stop());

  it('runs on ports other than the defaults', () => {
    expect(new URL(bff.url).port).not.toBe('3000');
    expect(sandboxPort).not.toBe(4010);
  });

  it.each(SANDBOX_KINDS)('%s: the first login succeeds and /v1/auth/me shows the linked account', async (provider) => {
    const browser = new ManualBrowser();
    const done = await browserLogin(browser, bff.url, provider, ALICE, '/docs');
    expect([done.status, done.headers.get('location')]).toEqual([302, '/docs']);
    const me = await browser.request(`${bff.url}/v1/auth/me`);
    expect(me.status).toBe(200);
    const body = (await me.json()) as { linkedAccounts: { provider: string }[] };
    expect(body.linkedAccounts.map((a) => a.provider)).toEqual([provider]);
  });
});
