import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { startLoginStack, type LoginStack } from '../support/login-stack.js';
import { startTestApp, type TestApp } from '../support/test-app.js';
import { startRedisCluster, type RedisClusterFixture } from '../support/redis-cluster.js';
import { login, ALICE, BOB, type Session } from '../relay/relay-support.js';
import { hashSessionToken } from '../../src/sessions/session-token.js';
import { nodeCommand, sleep, waitUntil } from '../support/redis-server-process.js';

const STORM = 150;
const LIFETIME_SECONDS = 3;

function refreshes(stack: LoginStack, provider: string): number {
  const counters = stack.sandbox.counterSnapshot() as Record<string, Record<string, Record<string, number>>>;
  return Object.values(counters[provider] ?? {}).reduce((sum, kinds) => sum + (kinds.refresh ?? 0), 0);
}

/**
 * The whole session life on a real Redis Cluster, across two BFF instances
 * (each its own Nest app, Redis connections, caches and in-process flights): login, relayed calls, a storm of
 * relayed calls on an expired token (one upstream refresh, fleet-wide), and
 * logout seen by every instance. A cross-slot command anywhere in these paths
 * would be refused by the Cluster and fail the test.
 */
describe('login → relay → refresh storm → logout on a Redis Cluster', () => {
  let cluster: RedisClusterFixture;
  let stack: LoginStack;
  let second: TestApp;
  let instances: string[];

  beforeAll(async () => {
    cluster = await startRedisCluster();
    // The longest session-cache age, so that only the logout's notification can end a cached session within the test's bound.
    stack = await startLoginStack({ ...cluster.env, TOKEN_REFRESH_SKEW_SECONDS: '0', SESSION_CACHE_MAX_AGE_MS: '10000' });
    // In process rather than a child process: this machine is shared, and a second boot of dist/main.js is what loads it most.
    second = await startTestApp({ ...stack.instanceEnv, PUBLIC_URL: stack.bff.config.http.publicUrl, LOG_LEVEL: 'silent' });
    instances = [stack.bff.url, second.url];
  }, 120_000);
  afterAll(async () => {
    await second?.close();
    await stack?.close();
    await cluster?.stop();
  });

  const onInstance = (i: number, session: Session, path: string) =>
    fetch(`${instances[i % instances.length]}/v1/api/${path}`, { headers: { cookie: session.cookie } }).then(async (r) => {
      const body = await r.text();
      // A failure names its instance and body, so a broken run says what broke.
      return r.status === 200 ? 200 : `${r.status} from instance ${i % instances.length}: ${body.slice(0, 300)}`;
    });

  it('every instance reports Redis ready in Cluster mode', async () => {
    for (const url of instances) expect((await fetch(`${url}/health/ready`)).status).toBe(200);
  });

  it('one session works on every instance, survives a refresh storm with one refresh, and logout ends it everywhere', async () => {
    stack.sandbox.setLifetimes('bluejeans', { accessTokenSeconds: LIFETIME_SECONDS });
    const session = await login(stack, 'bluejeans', BOB);
    const path = `bluejeans/v1/user/${session.subject}/scheduled_meeting`;
    expect(await Promise.all(instances.map((_, i) => onInstance(i, session, path)))).toEqual([200, 200]);

    await sleep((LIFETIME_SECONDS + 1) * 1000);
    // The refreshed token lives long, so however slow a loaded machine makes the storm, it needs exactly one refresh.
    stack.sandbox.setLifetimes('bluejeans', { accessTokenSeconds: 3_600 });
    const before = refreshes(stack, 'bluejeans');
    const statuses = await Promise.all(Array.from({ length: STORM }, (_, i) => onInstance(i, session, path)));
    expect(statuses.filter((s) => s !== 200)).toEqual([]);
    expect(refreshes(stack, 'bluejeans') - before).toBe(1);

    const out = await logout(stack, session);
    expect(out).toBe(204);
    for (const url of instances) {
      const me = await fetch(`${url}/v1/auth/me`, { headers: { cookie: session.cookie } });
      expect(me.status).toBe(401);
    }
    // The relay's session cache had the session on both instances; the logout's notification
    // crosses the cluster bus asynchronously (a PUBLISH may land on another node than the
    // subscriber's). Until it arrives an instance may still relay (200); it never answers
    // anything but 200 or 401 (the link the logout revoked must not surface as a 409).
    for (let i = 0; i < instances.length; i++) {
      const seen: (number | string)[] = [];
      await waitUntil(`instance ${i} to refuse the ended session`, async () => {
        seen.push(await onInstance(i, session, path));
        return seen.at(-1) !== 200;
      }, 8_000);
      expect(seen.filter((answer) => answer !== 200)).toEqual([expect.stringMatching(/^401 /)]);
    }
  }, 60_000);

  it('the master holding the session is killed mid-storm: its replica takes over, answers are 200 or 503 (never 500 or 401), one refresh, the session survives', async () => {
    stack.sandbox.setLifetimes('bluejeans', { accessTokenSeconds: LIFETIME_SECONDS });
    const session = await login(stack, 'bluejeans', ALICE);
    const path = `bluejeans/v1/user/${session.subject}/scheduled_meeting`;
    const key = `${stack.bff.config.redis.keyPrefix}sess:${hashSessionToken(session.cookie.split('=')[1])}`;
    const master = await cluster.masterOf(key);
    expect(await nodeCommand(master.port, 'EXISTS', key)).toBe(1);
    // What the replica has survives the kill; wait until it has the session (replication is asynchronous).
    await waitUntil('the replica to have the session', async () => {
      const info = String(await nodeCommand(master.port, 'INFO', 'replication'));
      return Number(/slave0:.*offset=(\d+)/.exec(info)?.[1]) >= Number(/master_repl_offset:(\d+)/.exec(info)?.[1]);
    }, 10_000);
    await sleep((LIFETIME_SECONDS + 1) * 1000);
    stack.sandbox.setLifetimes('bluejeans', { accessTokenSeconds: 3_600 });
    const before = refreshes(stack, 'bluejeans');

    const answers: { at: number; status: number | string }[] = [];
    let running = true;
    const storm = Array.from({ length: 20 }, async (_, i) => {
      while (running) answers.push({ at: Date.now(), status: await onInstance(i, session, path) });
    });
    await waitUntil('the storm to start', async () => answers.length > 0, 10_000);
    const killedAt = Date.now();
    await master.kill();
    await cluster.waitHealthy(30_000);
    await waitUntil('ten successes after the failover', async () => answers.filter((a) => a.at > killedAt && a.status === 200).length >= 10, 30_000);
    running = false;
    await Promise.all(storm);

    const unexpected = answers.filter((a) => a.status !== 200 && !(String(a.status).startsWith('503 ') && String(a.status).includes('"dependency_unavailable"')));
    expect(unexpected).toEqual([]);
    const unavailable = answers.filter((a) => a.status !== 200);
    const lastFailure = unavailable.length ? Math.max(...unavailable.map((a) => a.at)) : killedAt;
    console.info(`cluster master kill: ${unavailable.length} of ${answers.length} calls answered 503; last 503 ${lastFailure - killedAt} ms after the kill`);
    expect(refreshes(stack, 'bluejeans') - before).toBe(1);
    for (const url of instances) {
      expect((await fetch(`${url}/health/ready`)).status).toBe(200);
      // The relay may have answered the storm from its session cache, so this can be the
      // instance's first read of the session key since the kill: 503 until ioredis has
      // reloaded the slot map, then 200. Never 401: the session survived on the replica.
      const seen: number[] = [];
      await waitUntil('the session to be read on the promoted replica', async () => {
        seen.push((await fetch(`${url}/v1/auth/me`, { headers: { cookie: session.cookie } })).status);
        return seen.at(-1) === 200;
      }, 20_000);
      expect(seen.filter((status) => status !== 200 && status !== 503)).toEqual([]);
    }
  }, 120_000);
});

async function logout(stack: LoginStack, session: Session): Promise<number> {
  const res = await fetch(`${stack.bff.url}/v1/auth/logout`, {
    method: 'POST',
    headers: { cookie: session.cookie, 'x-csrf': '1', origin: stack.bff.config.http.publicUrl },
  });
  await res.arrayBuffer();
  return res.status;
}
