import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { LinkedAccountsService } from '../../src/tokens/linked-accounts.service.js';
import { browserLogin, ManualBrowser } from '../support/browser.js';
import { startBffProcess, type BffProcess } from '../support/bff-process.js';
import { freePort } from '../support/free-port.js';
import { startLoginStack, type LoginStack } from '../support/login-stack.js';
import { waitUntil } from '../support/redis-server-process.js';

/**
 * SECURITY.md 26: a BFF process logging at debug level goes through a login, a
 * relayed call, a bad bearer and a logout; its whole log then holds no session
 * token, provider token or client secret.
 */
describe('no credential in the logs', () => {
  let stack: LoginStack;
  let bff: BffProcess;

  beforeAll(async () => {
    stack = await startLoginStack();
    const port = await freePort();
    const client = stack.sandbox.seed.clients.find((c) => c.provider === 'bluejeans' && c.clientId.includes('demo'))!;
    stack.sandbox.findClient('bluejeans', client.clientId)!.redirectUris.push(`http://127.0.0.1:${port}/v1/auth/bluejeans/callback`);
    bff = await startBffProcess({ ...stack.instanceEnv, LOG_LEVEL: 'debug' }, { port });
  }, 60_000);
  afterAll(async () => {
    await bff.stop();
    await stack.close();
  });

  it('a login, relay, bad bearer and logout log nothing secret', async () => {
    const browser = new ManualBrowser();
    const done = await browserLogin(browser, bff.url, 'bluejeans', { username: 'alice', password: 'alice-password' });
    expect(done.status).toBe(302);
    const cookieValue = browser.cookie('__Host-bff_session')!;
    const cookie = `__Host-bff_session=${cookieValue}`;
    const me = (await (await fetch(`${bff.url}/v1/auth/me`, { headers: { cookie } })).json()) as { user: { id: string }; linkedAccounts: { subject: string }[] };
    const relayed = await fetch(`${bff.url}/v1/api/bluejeans/v1/user/${me.linkedAccounts[0].subject}`, { headers: { cookie } });
    expect(relayed.status).toBe(200);
    expect((await fetch(`${bff.url}/v1/auth/me`, { headers: { authorization: 'Bearer not-a-real-token-value-123456' } })).status).toBe(401);

    const accounts = stack.bff.app.get(LinkedAccountsService);
    const link = (await accounts.findForUser(me.user.id, 'bluejeans'))!;
    const tokens = accounts.readTokens(link);
    const out = await fetch(`${bff.url}/v1/auth/logout`, { method: 'POST', headers: { cookie, 'X-CSRF': '1', Origin: bff.url } });
    expect(out.status).toBe(204);
    // The child writes its lines when it gets to them: wait for the logout's line, not a fixed time.
    await waitUntil('the logout request line', async () => bff.output().includes('/v1/auth/logout'), 15_000);

    const log = bff.output();
    expect(log.split('\n').filter((line) => line.includes('"requestId"')).length).toBeGreaterThan(5);
    // The callback was logged, with its code and state masked.
    expect(log).toMatch(/\/v1\/auth\/bluejeans\/callback\?code=%5BREDACTED%5D/);
    const secrets = [cookieValue, tokens.accessToken, tokens.refreshToken!, stack.instanceEnv.BLUEJEANS_CLIENT_SECRET, 'alice-password', 'not-a-real-token-value-123456'];
    for (const secret of secrets) {
      expect(secret.length).toBeGreaterThan(8);
      expect(log.includes(secret)).toBe(false);
    }
  }, 60_000);
});
