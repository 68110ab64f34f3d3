import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { DataSource } from 'typeorm';
import { browserLogin, ManualBrowser } from '../support/browser.js';
import { startBffProcess, type BffProcess } from '../support/bff-process.js';
import { startLoginStack, type LoginStack } from '../support/login-stack.js';

const CALLS = 200;
const LIFETIME_SECONDS = 3;
// The relay's hot token cache keeps a looked-up token at most this long (TOKEN_CACHE_MAX_AGE_SECONDS, set below).
const HOT_CACHE_MS = 5_000;

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
    // A short token-cache age (default 300 s) so the row expired behind the caches' back is seen within seconds.
    stack = await startLoginStack({ TOKEN_REFRESH_SKEW_SECONDS: '0', TOKEN_CACHE_MAX_AGE_SECONDS: String(HOT_CACHE_MS / 1000) });
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

    // The refreshed token lives an hour: however long a loaded machine takes for the burst,
    // no second refresh becomes legitimate during it.
    stack.sandbox.setLifetimes(provider as 'bluejeans', { accessTokenSeconds: 3_600 });
    const instances = [stack.bff.url, ...others.map((o) => o.url)];
    const before = refreshes(stack, provider);
    const statuses = await Promise.all(
      Array.from({ length: CALLS }, (_, i) => fetch(`${instances[i % 3]}${relayPath[provider](subject)}`, { headers: { cookie } }).then(async (r) => (await r.arrayBuffer(), r.status))),
    );
    expect(statuses.filter((s) => s !== 200)).toEqual([]);
    expect(refreshes(stack, provider) - before).toBe(1);

    // The rotated family is intact: nobody presented an old refresh token, so the next refresh works too.
    // Expire the stored token instead of waiting an hour, then let every instance's hot cache (at most 5 s) lapse.
    await stack.bff.app.get(DataSource).query(`UPDATE linked_accounts SET access_expires_at = now() - interval '1 second' WHERE provider = $1 AND subject = $2`, [provider, subject]);
    await new Promise((resolve) => setTimeout(resolve, HOT_CACHE_MS + 500));
    const after = await fetch(`${instances[1]}${relayPath[provider](subject)}`, { headers: { cookie } });
    expect(after.status).toBe(200);
    expect(refreshes(stack, provider) - before).toBe(2);
  }, 60_000);
});
