import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { browserLogin, ManualBrowser } from '../support/browser.js';
import { startBffProcess, type BffProcess } from '../support/bff-process.js';
import { startLoginStack, type LoginStack } from '../support/login-stack.js';

const CALLS = 200;
const LIFETIME_SECONDS = 3;

function refreshes(stack: LoginStack, provider: string): number {
  const counters = stack.sandbox.counterSnapshot() as Record<string, Record<string, Record<string, number>>>;
  return Object.values(counters[provider] ?? {}).reduce((sum, kinds) => sum + (kinds.refresh ?? 0), 0);
}

/**
 * Three BFF instances (this process and two child processes) on one Postgres
 * and one Redis: a storm of relayed calls on an expired token makes exactly one
 * upstream refresh, and every call succeeds.
 */
describe('fleet-wide single-flight refresh across three processes', () => {
  let stack: LoginStack;
  let others: BffProcess[] = [];

  beforeAll(async () => {
    // Zero skew: the token is used until it really expires, so the storm starts on an expired token.
    stack = await startLoginStack({ TOKEN_REFRESH_SKEW_SECONDS: '0' });
    others = await Promise.all([startBffProcess(stack.instanceEnv), startBffProcess(stack.instanceEnv)]);
  }, 90_000);
  afterAll(async () => {
    await Promise.all(others.map((o) => o.stop()));
    await stack.close();
  });

  const relayPath: Record<string, (subject: string) => string> = {
    bluejeans: (subject) => `/v1/api/bluejeans/v1/user/${subject}/scheduled_meeting`,
    // Cal.com rotates refresh tokens and revokes the whole family on reuse.
    calcom: () => '/v1/api/calcom/v2/me',
  };

  it.each(Object.keys(relayPath))(`%s: ${CALLS} concurrent relayed calls on an expired token, one refresh, all succeed`, async (provider) => {
    stack.sandbox.setLifetimes(provider as 'bluejeans', { accessTokenSeconds: LIFETIME_SECONDS });
    const browser = new ManualBrowser();
    const login = await browserLogin(browser, stack.bff.url, provider, { username: 'bob', password: 'bob-password' });
    expect(login.status).toBe(302);
    const cookie = `__Host-bff_session=${browser.cookie('__Host-bff_session')}`;
    const me = (await (await fetch(`${stack.bff.url}/v1/auth/me`, { headers: { cookie } })).json()) as { linkedAccounts: { provider: string; subject: string }[] };
    const subject = me.linkedAccounts.find((a) => a.provider === provider)!.subject;
    await new Promise((resolve) => setTimeout(resolve, (LIFETIME_SECONDS + 1) * 1000));

    const instances = [stack.bff.url, ...others.map((o) => o.url)];
    const before = refreshes(stack, provider);
    const statuses = await Promise.all(
      Array.from({ length: CALLS }, (_, i) => fetch(`${instances[i % 3]}${relayPath[provider](subject)}`, { headers: { cookie } }).then(async (r) => (await r.arrayBuffer(), r.status))),
    );
    expect(statuses.filter((s) => s !== 200)).toEqual([]);
    expect(refreshes(stack, provider) - before).toBe(1);

    // The rotated family is intact: nobody presented an old refresh token, so the next refresh works too.
    await new Promise((resolve) => setTimeout(resolve, (LIFETIME_SECONDS + 1) * 1000));
    const after = await fetch(`${instances[1]}${relayPath[provider](subject)}`, { headers: { cookie } });
    expect(after.status).toBe(200);
    expect(refreshes(stack, provider) - before).toBe(2);
  }, 60_000);
});
