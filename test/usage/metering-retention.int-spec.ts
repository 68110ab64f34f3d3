import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { getDataSourceToken } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { KvStore } from '../../src/redis/kv-store.port.js';
import { UsagePurgeJob } from '../../src/usage/metering/usage-purge.job.js';
import { UsageWriter } from '../../src/usage/metering/usage-writer.js';
import { startTestApp, type TestApp } from '../support/test-app.js';

const DAY = 86_400_000;
const call = { provider: 'genesys', userId: '0c0ffee0-0000-4000-8000-00000000beef', sessionKind: 'web', method: 'GET', route: '/api/v2/users/me', status: 200, durationMs: 12, bytesIn: 0, bytesOut: 321 };

/** Retention on real Postgres and Redis: old rows go, recent ones stay, and only the lock holder purges. */
describe('metering retention purge', () => {
  let app: TestApp;
  let db: DataSource;

  beforeAll(async () => {
    app = await startTestApp({ USAGE_RETENTION_DAYS: '30', USAGE_DAILY_RETENTION_DAYS: '90' });
    db = app.app.get<DataSource>(getDataSourceToken());
  });
  afterAll(async () => app?.close());

  const count = async (table: string) => ((await db.query(`SELECT count(*)::int AS n FROM ${table}`)) as { n: number }[])[0]!.n;

  it('deletes events past USAGE_RETENTION_DAYS and roll-ups past USAGE_DAILY_RETENTION_DAYS, under the fleet lock', async () => {
    const now = Date.now();
    const writer = app.app.get(UsageWriter);
    await writer.write([
      { call, at: now - 100 * DAY },
      { call, at: now - 40 * DAY },
      { call: { ...call, status: 503, errorCode: 'upstream_unavailable', durationMs: 3 }, at: now - DAY },
      { call, at: now - DAY },
    ]);
    expect([await count('usage_events'), await count('usage_daily')]).toEqual([4, 4]);
    const yesterday = (await db.query(`SELECT count, error_count, latency_sum_ms::int AS sum, latency_histogram, status_class FROM usage_daily WHERE day = $1 ORDER BY status_class`, [new Date(now - DAY).toISOString().slice(0, 10)])) as Record<string, unknown>[];
    expect(yesterday).toEqual([
      { count: 1, error_count: 0, sum: 12, latency_histogram: [0, 0, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0], status_class: '2xx' },
      { count: 1, error_count: 1, sum: 3, latency_histogram: [1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0], status_class: '5xx' },
    ]);

    const job = app.app.get(UsagePurgeJob);
    // Another instance holds the lock: this one skips the round.
    const kv = app.app.get(KvStore);
    const held = await kv.acquireLock('usage:purge', 60_000);
    expect(await job.purge()).toEqual({ ran: false });
    await kv.releaseLock('usage:purge', held!);

    expect(await job.purge()).toEqual({ ran: true, events: 2, daily: 1 });
    expect([await count('usage_events'), await count('usage_daily')]).toEqual([2, 3]);
    const outcomes = (await db.query(`SELECT outcome FROM usage_events ORDER BY outcome`)) as { outcome: string }[];
    expect(outcomes.map((o) => o.outcome)).toEqual(['answered', 'breaker_open']);
  });
});
