import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { getDataSourceToken } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { KvStore } from '../../src/redis/kv-store.port.js';
import { SessionService } from '../../src/sessions/session.service.js';
import { hashSessionToken } from '../../src/sessions/session-token.js';
import { LinkedAccountsService } from '../../src/tokens/linked-accounts.service.js';
import { startBffProcess, type BffProcess } from '../support/bff-process.js';
import { browserLogin, ManualBrowser } from '../support/browser.js';
import { startLoginStack, type LoginStack } from '../support/login-stack.js';

const RELAYED = '/v1/api/calcom/v2/me';
// Pub/sub delivery is asynchronous: a notification usually lands within milliseconds, and a
// loaded machine gets this much. Far below the 10 s max age, so only the notification can explain a refusal.
const NOTIFICATION_BOUND_MS = 4_000;
// The other instance flushes metering every 200 ms; the poll ends at the first row, so a generous bound costs nothing.
const METERING_BOUND_MS = 15_000;

/**
 * The relay answers from an in-memory session cache (SESSION_CACHE_MAX_AGE_MS, 10 s here so
 * that only the pub/sub notification can explain a refusal): a session ended on one
 * instance is refused by the relay of another as soon as the notification lands, over real
 * Redis pub/sub, and never with a misleading answer before that.
 */
describe('relay session cache across instances', () => {
  let stack: LoginStack;
  let other: BffProcess;

  beforeAll(async () => {
    // Metering flushes every 200 ms, so a test can read what the other instance recorded.
    stack = await startLoginStack({ SESSION_CACHE_MAX_AGE_MS: '10000', USAGE_FLUSH_INTERVAL_MS: '200' });
    other = await startBffProcess(stack.instanceEnv);
  }, 90_000);
  afterAll(async () => {
    await other?.stop();
    await stack?.close();
  });

  async function signIn(): Promise<string> {
    const browser = new ManualBrowser();
    expect((await browserLogin(browser, stack.bff.url, 'calcom', { username: 'bob', password: 'bob-password' })).status).toBe(302);
    return `__Host-bff_session=${browser.cookie('__Host-bff_session')}`;
  }

  const relayed = async (base: string, cookie: string) => {
    const res = await fetch(`${base}${RELAYED}`, { headers: { cookie } });
    const body = (await res.json()) as { code?: string };
    return { status: res.status, code: body.code };
  };
  const changing = (cookie: string) => ({ cookie, 'x-csrf': '1', origin: stack.bff.config.http.publicUrl });

  /** The other instance's first answer that is not 200, polled until the notification bound. */
  async function firstRefusal(cookie: string): Promise<{ status: number; code?: string }> {
    let answer = await relayed(other.url, cookie);
    const deadline = Date.now() + NOTIFICATION_BOUND_MS;
    while (answer.status === 200 && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 20));
      answer = await relayed(other.url, cookie);
    }
    return answer;
  }

  it('logout on one instance: the other instance relay refuses the cookie with 401 once notified', async () => {
    const cookie = await signIn();
    // Twice, so the second answer comes from the other instance's cache.
    expect((await relayed(other.url, cookie)).status).toBe(200);
    expect((await relayed(other.url, cookie)).status).toBe(200);
    expect((await fetch(`${stack.bff.url}/v1/auth/logout`, { method: 'POST', headers: changing(cookie) })).status).toBe(204);
    expect(await firstRefusal(cookie)).toEqual({ status: 401, code: 'unauthenticated' });
  });

  it('a cached session gone from the store whose link also went answers 401, not 409 provider_not_linked', async () => {
    const cookie = await signIn();
    expect((await relayed(other.url, cookie)).status).toBe(200);
    expect((await relayed(other.url, cookie)).status).toBe(200);
    // A logout whose session notification is still on its way (on a Cluster the link's can
    // land first): the link is revoked (announced, so the other instance's token cache drops
    // it) and the session key is deleted behind the session cache's back.
    const token = decodeURIComponent(cookie.split('=')[1]);
    const session = await stack.bff.app.get(SessionService).resolve(token);
    const accounts = stack.bff.app.get(LinkedAccountsService);
    const link = await accounts.findForUser(session!.userId, 'calcom');
    await accounts.setStatus(link!.id, 'revoked');
    await stack.bff.app.get(KvStore).del(`sess:${hashSessionToken(token)}`);
    expect(await firstRefusal(cookie)).toEqual({ status: 401, code: 'unauthenticated' });

    // Usage metering records the answer the client got: the settled 401, never the relay's 409.
    const db = stack.bff.app.get<DataSource>(getDataSourceToken());
    const recorded = async () => (await db.query(`SELECT status, outcome FROM usage_events WHERE user_id = $1 AND status >= 400 ORDER BY status`, [session!.userId])) as { status: number; outcome: string }[];
    const deadline = Date.now() + METERING_BOUND_MS;
    let rows = await recorded();
    while (rows.length === 0 && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 50));
      rows = await recorded();
    }
    expect(rows).toEqual([{ status: 401, outcome: 'refused' }]);
  });

  it('"sign out everywhere else" on one instance: the ended session is refused by the other at once, the caller keeps working', async () => {
    const [kept, ended] = [await signIn(), await signIn()];
    for (const cookie of [kept, ended]) expect((await relayed(other.url, cookie)).status).toBe(200);
    const revoke = await fetch(`${stack.bff.url}/v1/sessions`, { method: 'DELETE', headers: changing(kept) });
    expect(revoke.status).toBe(200);
    expect(await firstRefusal(ended)).toEqual({ status: 401, code: 'unauthenticated' });
    expect((await relayed(other.url, kept)).status).toBe(200);
  });
});
