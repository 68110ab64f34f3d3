import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { randomBytes } from 'node:crypto';
import { startBffProcess, type BffProcess } from '../support/bff-process.js';
import { freePort } from '../support/free-port.js';
import { startLoginStack, type LoginStack } from '../support/login-stack.js';
import { login } from '../relay/relay-support.js';
import { startFaultInstance, type FaultInstance } from './support/fault-instance.js';
import { StoppableRedis } from './support/stoppable-redis.js';

const WORKERS = 16;
// Bounded by count, not by time: a slow machine sends the same flood, only slower.
const REQUESTS = 400;
const WINDOW_MS = 10_000;
const UNLIMITED = Object.fromEntries(['LOGIN', 'TOKEN_EXCHANGE', 'GRANTS', 'RELAY', 'MANAGEMENT'].map((c) => [`RATE_LIMIT_${c}`, '1000000/60']));

interface LogLine {
  level: number;
  msg: string;
  [key: string]: unknown;
}

/** The process's JSON log lines at warn (40) or above, written after `from` characters of output. */
function warnLines(bff: BffProcess, from: number): LogLine[] {
  return bff
    .output()
    .slice(from)
    .split('\n')
    .filter((line) => line.startsWith('{'))
    .map((line) => JSON.parse(line) as LogLine)
    .filter((line) => line.level >= 40);
}

/** Sends `count` requests from WORKERS concurrent callers; returns the statuses. */
async function flood(count: number, request: (i: number) => Promise<Response>): Promise<number[]> {
  const statuses: number[] = [];
  let next = 0;
  await Promise.all(
    Array.from({ length: WORKERS }, async () => {
      while (next < count) {
        const res = await request(next++);
        await res.arrayBuffer();
        statuses.push(res.status);
      }
    }),
  );
  return statuses;
}

/** The sum of a Prometheus counter's samples whose labels contain every `match`. */
async function counter(bff: BffProcess, name: string, match: string[]): Promise<number> {
  const text = await (await fetch(`${bff.url}/metrics`)).text();
  return text
    .split('\n')
    .filter((line) => line.startsWith(`${name}{`) && match.every((m) => line.includes(m)))
    .reduce((sum, line) => sum + Number(line.split(' ').pop()), 0);
}

/** At most a first line and a summary per failure kind per started window (the aggregator's promise), for `kinds` kinds. */
function allowedLines(kinds: number, elapsedMs: number): number {
  return kinds * 2 * (Math.floor(elapsedMs / WINDOW_MS) + 1);
}

/**
 * Issue 15 item 12: an outage must not log one warn line per failed request. Repeated
 * dependency failures are aggregated (first failure at once, a count per window), while
 * every failure is still counted in a metric.
 */
describe('fault: log floods during outages', () => {
  describe('Redis down under a flood of session, relay and login requests', () => {
    const redis = new StoppableRedis();
    let instance: FaultInstance;
    beforeAll(async () => {
      await redis.start();
      instance = await startFaultInstance(redis.url, { LOG_LEVEL: 'warn', ...UNLIMITED });
    }, 60_000);
    afterAll(async () => {
      await redis.start(); // the schema drop and a clean exit need nothing from it, but a restarted Redis keeps the close quick
      await instance?.close();
      await redis.dispose();
    });

    it(`${REQUESTS} failed requests: every one 503 and counted, a bounded number of warn lines`, async () => {
      const { url } = instance.bff;
      const token = () => randomBytes(32).toString('base64url');
      const kinds = [
        () => fetch(`${url}/v1/sessions`, { headers: { authorization: `Bearer ${token()}` } }),
        () => fetch(`${url}/v1/auth/me`, { headers: { cookie: `__Host-bff_session=${token()}` } }),
        () => fetch(`${url}/v1/api/bluejeans/v1/user/1`, { headers: { authorization: `Bearer ${token()}` } }),
      ];
      await redis.stop();
      const from = instance.bff.output().length;
      const failedBefore = await counter(instance.bff, 'http_request_duration_seconds_count', ['status_code="503"']);
      const started = Date.now();
      const statuses = await flood(REQUESTS, (i) => kinds[i % kinds.length]());
      const elapsed = Date.now() - started;
      expect(statuses.filter((s) => s !== 503)).toEqual([]);
      expect((await counter(instance.bff, 'http_request_duration_seconds_count', ['status_code="503"'])) - failedBefore).toBe(REQUESTS);
      const lines = warnLines(instance.bff, from);
      // Whatever logs about Redis during the outage: the session store, the problem filter, the relay edge.
      expect(lines.length).toBeLessThanOrEqual(allowedLines(3, elapsed));
      expect(lines.length).toBeGreaterThan(0);
    });
  });

  describe('a provider that cannot be reached under a flood of relayed calls', () => {
    let stack: LoginStack;
    let bff: BffProcess;
    let cookie: string;
    beforeAll(async () => {
      // Nothing listens on this port: every relayed call fails before an answer (ECONNREFUSED).
      const closed = await freePort();
      stack = await startLoginStack({}, { relay: () => ({ calcom: { baseUrl: `http://127.0.0.1:${closed}`, allow: [{ methods: ['GET'], path: '/v2/me' }] } }) });
      // The breaker would turn the failures into fast 503s after five; this flood is about the failures themselves.
      bff = await startBffProcess({ ...stack.instanceEnv, ...UNLIMITED, LOG_LEVEL: 'warn', BREAKER_FAILURE_THRESHOLD: '1000' });
      ({ cookie } = await login(stack, 'calcom'));
    }, 90_000);
    afterAll(async () => {
      await bff?.stop();
      await stack?.close();
    });

    it(`${REQUESTS / 2} failed relayed calls: every one 502 and counted, one warn line (plus a summary per window)`, async () => {
      const from = bff.output().length;
      const started = Date.now();
      const statuses = await flood(REQUESTS / 2, () => fetch(`${bff.url}/v1/api/calcom/v2/me`, { headers: { cookie } }));
      const elapsed = Date.now() - started;
      expect(statuses.filter((s) => s !== 502)).toEqual([]);
      expect(await counter(bff, 'relay_upstream_failures_total', ['provider="calcom"', 'failure="unreachable"'])).toBe(REQUESTS / 2);
      const relayLines = warnLines(bff, from).filter((line) => line.msg.startsWith('relayed call failed'));
      expect(relayLines.length).toBeGreaterThan(0);
      expect(relayLines.length).toBeLessThanOrEqual(allowedLines(1, elapsed));
    });
  });
});
