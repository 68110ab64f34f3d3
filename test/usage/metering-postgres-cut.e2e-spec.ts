import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { DataSource } from 'typeorm';
import { getDataSourceToken } from '@nestjs/typeorm';
import { UsageMeter } from '../../src/usage/metering/usage-meter.js';
import { startLoginStack, type LoginStack } from '../support/login-stack.js';
import { TcpProxy } from '../support/tcp-proxy.js';
import { TEST_DATABASE_URL } from '../support/test-env.js';
import { ALICE, login, relay, type Session } from '../relay/relay-support.js';

const BUFFER_CAP = 10;

function metric(text: string, line: string): number {
  const found = text.split('\n').find((l) => l.startsWith(`${line} `));
  return found ? Number(found.slice(line.length + 1)) : 0;
}

/**
 * Postgres goes away behind a TCP proxy (the shared server is never touched):
 * relayed calls keep answering 200, the events beyond the buffer cap and the
 * batch that cannot be written are dropped and counted, one warning is logged,
 * and metering resumes when Postgres is back.
 */
describe('metering with Postgres cut', () => {
  const pg = new URL(TEST_DATABASE_URL);
  const proxy = new TcpProxy(pg.hostname, Number(pg.port || 5432));
  let stack: LoginStack;
  let alice: Session;
  let proxyUp = false;
  const cut = async () => {
    await proxy.stop();
    proxyUp = false;
  };
  const restore = async () => {
    await proxy.start(proxy.port);
    proxyUp = true;
  };

  beforeAll(async () => {
    await proxy.start();
    proxyUp = true;
    const viaProxy = new URL(TEST_DATABASE_URL);
    viaProxy.port = String(proxy.port);
    // No timer flushes during the test (flushes are explicit), and a tiny buffer to show the memory bound.
    stack = await startLoginStack({ DATABASE_URL: viaProxy.toString(), USAGE_FLUSH_INTERVAL_MS: '60000', USAGE_FLUSH_BATCH_SIZE: '5000', USAGE_BUFFER_MAX_EVENTS: String(BUFFER_CAP), DATABASE_CONNECT_TIMEOUT_MS: '2000' });
    alice = await login(stack, 'bluejeans', ALICE);
  }, 90_000);
  afterAll(async () => {
    if (!proxyUp) await restore(); // the schema drop at close needs the database
    await stack?.close();
    await cut();
  });

  const metrics = async () => (await fetch(`${stack.bff.url}/metrics`)).text();
  const meteredCalls = async () => Number(((await stack.bff.app.get<DataSource>(getDataSourceToken()).query('SELECT coalesce(sum(calls), 0)::int AS n FROM usage_events')) as { n: number }[])[0]!.n);

  it('relays unaffected, drops and counts events, and resumes when Postgres is back', async () => {
    const meter = stack.bff.app.get(UsageMeter);
    expect((await relay(stack, alice, 'GET', 'bluejeans/v1/user/1001')).status).toBe(200); // warms the token cache
    await meter.flush();
    expect(await meteredCalls()).toBe(1);

    await cut();
    const calls = 25;
    const statuses: number[] = [];
    for (let i = 0; i < calls; i++) statuses.push((await relay(stack, alice, 'GET', 'bluejeans/v1/user/1001')).status);
    expect(statuses).toEqual(Array.from({ length: calls }, () => 200));

    const beforeFlush = await metrics();
    expect(metric(beforeFlush, 'usage_events_dropped_total{reason="buffer_full"}')).toBe(calls - BUFFER_CAP);
    expect(metric(beforeFlush, 'usage_buffer_events')).toBe(BUFFER_CAP);
    await meter.flush();
    const afterFlush = await metrics();
    expect(metric(afterFlush, 'usage_events_dropped_total{reason="database_unavailable"}')).toBe(BUFFER_CAP);
    expect(metric(afterFlush, 'usage_buffer_events')).toBe(0);

    await restore();
    for (let i = 0; i < 2; i++) expect((await relay(stack, alice, 'GET', 'bluejeans/v1/user/1001')).status).toBe(200);
    // The pool may hand out a connection the cut killed; the flush after that one writes.
    await meter.flush();
    if ((await meteredCalls()) === 1) {
      expect((await relay(stack, alice, 'GET', 'bluejeans/v1/user/1001')).status).toBe(200);
      await meter.flush();
    }
    expect(await meteredCalls()).toBeGreaterThanOrEqual(2);
    expect(metric(await metrics(), 'usage_events_written_total')).toBe((await meteredCalls()));
  }, 60_000);
});
