import { afterAll, beforeAll, describe, expect, it, jest } from '@jest/globals';
import { Logger } from '@nestjs/common';
import { UsageMeter } from '../../src/usage/metering/usage-meter.js';
import { startLoginStack, type LoginStack } from '../support/login-stack.js';
import { TcpProxy } from '../support/tcp-proxy.js';
import { TEST_DATABASE_URL } from '../support/test-env.js';
import { ALICE, login, relay, type Session } from '../relay/relay-support.js';

const DROP_MESSAGE = 'usage events dropped: the database is unavailable';

function metric(text: string, line: string): number {
  const found = text.split('\n').find((l) => l.startsWith(`${line} `));
  return found ? Number(found.slice(line.length + 1)) : 0;
}

/**
 * While Postgres is away, every failed flush drops its batch and counts it, but the log
 * gets one warning per interval (a minute), not one per flush: a flood of identical
 * lines would bury everything else. The line says how many events were lost and never
 * carries a user id or a path.
 */
describe('metering with Postgres cut: one rate-limited warning', () => {
  const pg = new URL(TEST_DATABASE_URL);
  const proxy = new TcpProxy(pg.hostname, Number(pg.port || 5432));
  let stack: LoginStack;
  let alice: Session;
  let proxyUp = false;

  beforeAll(async () => {
    await proxy.start();
    proxyUp = true;
    const viaProxy = new URL(TEST_DATABASE_URL);
    viaProxy.port = String(proxy.port);
    // Flushes are explicit (no timer during the test), and the buffer holds every call made.
    stack = await startLoginStack({ DATABASE_URL: viaProxy.toString(), USAGE_FLUSH_INTERVAL_MS: '60000', USAGE_FLUSH_BATCH_SIZE: '5000', DATABASE_CONNECT_TIMEOUT_MS: '2000' });
    alice = await login(stack, 'bluejeans', ALICE);
  }, 90_000);
  afterAll(async () => {
    if (!proxyUp) await proxy.start(proxy.port); // the schema drop at close needs the database
    await stack?.close();
    await proxy.stop();
  });

  it('logs one warning for many failed flushes, and counts every dropped event', async () => {
    const meter = stack.bff.app.get(UsageMeter);
    expect((await relay(stack, alice, 'GET', 'bluejeans/v1/user/1001')).status).toBe(200); // warms the token cache
    await meter.flush();

    const warn = jest.spyOn(Logger.prototype, 'warn');
    try {
      await proxy.stop();
      proxyUp = false;
      const flushes = 5;
      const callsPerFlush = 4;
      for (let f = 0; f < flushes; f++) {
        for (let i = 0; i < callsPerFlush; i++) expect((await relay(stack, alice, 'GET', 'bluejeans/v1/user/1001')).status).toBe(200);
        await meter.flush();
      }
      const metrics = await (await fetch(`${stack.bff.url}/metrics`)).text();
      expect(metric(metrics, 'usage_events_dropped_total{reason="database_unavailable"}')).toBe(flushes * callsPerFlush);

      const dropLines = warn.mock.calls.filter((args) => args.includes(DROP_MESSAGE));
      expect(dropLines).toHaveLength(1);
      const [fields] = dropLines[0]!;
      expect(fields).toEqual({ dropped: callsPerFlush, err: expect.any(String) });
      expect(JSON.stringify(fields)).not.toMatch(/1001|user\/|alice/);
    } finally {
      warn.mockRestore();
    }
  }, 60_000);
});
