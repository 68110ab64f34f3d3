import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { startLoginStack, type LoginStack } from '../support/login-stack.js';
import { startRedisSentinel, type RedisSentinelFixture } from '../support/redis-sentinel.js';
import { nodeCommand, sleep, waitUntil } from '../support/redis-server-process.js';
import { login, ALICE, BOB, type Session } from '../relay/relay-support.js';

const WORKERS = 3;
/** Generous: the sentinels need ~1 s to call the master down plus an election; a loaded machine stretches both. */
const WINDOW_BOUND_MS = 30_000;

function refreshes(stack: LoginStack): number {
  const counters = stack.sandbox.counterSnapshot() as Record<string, Record<string, Record<string, number>>>;
  return Object.values(counters.bluejeans ?? {}).reduce((sum, kinds) => sum + (kinds.refresh ?? 0), 0);
}

interface Answer {
  at: number;
  status: number;
  code?: string;
}

/**
 * A Sentinel-managed Redis (master, replica, three sentinels) under continuous
 * relayed load: the master is killed, the sentinels promote the replica, and
 * the BFF follows on its own. While Redis is unreachable the answers are 503
 * problem JSON (never a 500, never "anonymous" 401); the window is measured;
 * sessions written before the kill still work; readiness turns green by itself.
 */
describe('Sentinel failover under relayed load', () => {
  let redis: RedisSentinelFixture;
  let stack: LoginStack;
  const sessions: Session[] = [];

  beforeAll(async () => {
    redis = await startRedisSentinel();
    stack = await startLoginStack(redis.env);
    sessions.push(await login(stack, 'bluejeans', ALICE), await login(stack, 'bluejeans', BOB));
  }, 120_000);
  afterAll(async () => {
    await stack?.close();
    await redis?.stop();
  });

  const call = async (session: Session): Promise<Answer> => {
    const res = await fetch(`${stack.bff.url}/v1/api/bluejeans/v1/user/${session.subject}/scheduled_meeting`, { headers: { cookie: session.cookie } });
    const text = await res.text();
    const code = res.status === 200 ? undefined : (JSON.parse(text) as { code?: string }).code;
    return { at: Date.now(), status: res.status, code };
  };

  it('kills the master mid-load: bounded 503 window, no 500 or 401, sessions kept, readiness recovers', async () => {
    const oldMaster = await redis.masterPort();
    expect(oldMaster).toBe(redis.master.port);
    // Sessions are replicated asynchronously; the docs promise survival for what reached the replica.
    await redis.waitReplicated();

    const answers: Answer[] = [];
    let running = true;
    const workers = Array.from({ length: WORKERS }, async (_, w) => {
      while (running) answers.push(await call(sessions[w % sessions.length]));
    });
    await sleep(1_000);
    const killedAt = Date.now();
    await redis.master.kill();

    await waitUntil('the sentinels to promote the replica', async () => (await redis.masterPort()) === redis.replica.port, WINDOW_BOUND_MS);
    await waitUntil('readiness to recover by itself', async () => (await fetch(`${stack.bff.url}/health/ready`)).status === 200, WINDOW_BOUND_MS);
    // Keep the load on until a run of successes shows the BFF is really back.
    await waitUntil('ten successes after the kill', async () => answers.filter((a) => a.at > killedAt && a.status === 200).length >= 10, WINDOW_BOUND_MS);
    running = false;
    await Promise.all(workers);

    const unexpected = answers.filter((a) => a.status !== 200 && !(a.status === 503 && a.code === 'dependency_unavailable'));
    expect(unexpected).toEqual([]);
    const failures = answers.filter((a) => a.status === 503);
    const lastFailure = failures.length ? Math.max(...failures.map((a) => a.at)) : killedAt;
    const windowMs = lastFailure - killedAt;
    // The measured window is part of the report (docs/scaling.md quotes it).
    console.info(`sentinel failover: ${failures.length} of ${answers.length} relayed calls answered 503; last 503 ${windowMs} ms after the kill`);
    expect(windowMs).toBeLessThan(WINDOW_BOUND_MS);
    expect(answers.filter((a) => a.at > lastFailure).every((a) => a.status === 200)).toBe(true);

    for (const session of sessions) {
      const me = await fetch(`${stack.bff.url}/v1/auth/me`, { headers: { cookie: session.cookie } });
      expect(me.status).toBe(200);
    }
  }, 120_000);

  it('the master dies while a refresh lock is held: the holder finishes, one upstream refresh, only 200s and 503s', async () => {
    // The killed master comes back as the new master's replica, so there is something to promote again.
    const revived = await redis.restart(redis.master);
    await redis.waitReplicated();
    stack.sandbox.setLifetimes('bluejeans', { accessTokenSeconds: 3 });
    const session = await login(stack, 'bluejeans', ALICE);
    await sleep(4_000);
    stack.sandbox.setLifetimes('bluejeans', { accessTokenSeconds: 3_600 });
    // The upstream refresh takes 4 s, long enough to kill Redis while the lock is held.
    stack.sandbox.faults.arm('bluejeans', 'refresh', { latencyMs: 4_000, times: 1 });
    const before = refreshes(stack);
    const master = await redis.masterPort();
    const prefix = stack.bff.config.redis.keyPrefix;

    const answers: Answer[] = [];
    let running = true;
    const workers = Array.from({ length: WORKERS }, async () => {
      while (running) answers.push(await call(session));
    });
    await waitUntil('the refresh lock to be taken and replicated', async () => {
      const locks = (await nodeCommand(master, 'KEYS', `${prefix}lock:refresh:*`)) as string[];
      return locks.length === 1;
    }, 20_000);
    await redis.waitReplicated();
    const killedAt = Date.now();
    await [revived, redis.replica].find((s) => s.port === master)!.kill();
    await waitUntil('another master', async () => (await redis.masterPort()) !== master, WINDOW_BOUND_MS);
    await waitUntil('ten successes after the kill', async () => answers.filter((a) => a.at > killedAt && a.status === 200).length >= 10, WINDOW_BOUND_MS);
    running = false;
    await Promise.all(workers);

    expect(answers.filter((a) => a.status !== 200 && !(a.status === 503 && a.code === 'dependency_unavailable'))).toEqual([]);
    expect(refreshes(stack) - before).toBe(1);
    // The relay's session cache can answer the ten successes before ioredis has reconnected
    // to the new master, so readiness is awaited (bounded), as in the first case.
    await waitUntil('readiness to recover by itself', async () => (await fetch(`${stack.bff.url}/health/ready`)).status === 200, WINDOW_BOUND_MS);
  }, 120_000);
});
