import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { getDataSourceToken } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { LocalUsageService } from '../../src/usage/local/local-usage.service.js';
import { UsageWriter } from '../../src/usage/metering/usage-writer.js';
import { startTestApp, type TestApp } from '../support/test-app.js';

const call = { provider: 'genesys', userId: '0c0ffee0-0000-4000-8000-00000000beef', sessionKind: 'web', method: 'GET', route: '/api/v2/users/me', status: 200, durationMs: 12, bytesIn: 0, bytesOut: 321 };

/** On real Postgres: a flush stores one row per second and key, and every reader counts its calls. */
describe('metering rows per second', () => {
  let app: TestApp;
  let db: DataSource;

  beforeAll(async () => {
    app = await startTestApp();
    db = app.app.get<DataSource>(getDataSourceToken());
  });
  afterAll(async () => app?.close());

  it('writes the calls of one second and key as one row, and /v1/usage/local counts each call', async () => {
    const second = Math.floor(Date.now() / 1000) * 1000 - 3_600_000;
    const writer = app.app.get(UsageWriter);
    await writer.write([
      ...[10, 40, 25, 5].map((durationMs, i) => ({ call: { ...call, durationMs }, at: second + i * 200 })),
      { call: { ...call, status: 404 }, at: second + 300 },
    ]);
    // A second flush in the same second (another instance, or the next batch) adds a row; readers sum them.
    await writer.write([{ call, at: second + 900 }]);

    const rows = (await db.query(`SELECT status, calls, duration_ms_sum::int AS sum, duration_ms AS max, bytes_out::int AS bytes_out FROM usage_events ORDER BY status, calls DESC`)) as Record<string, number>[];
    expect(rows).toEqual([
      { status: 200, calls: 4, sum: 80, max: 40, bytes_out: 1284 },
      { status: 200, calls: 1, sum: 12, max: 12, bytes_out: 321 },
      { status: 404, calls: 1, sum: 12, max: 12, bytes_out: 321 },
    ]);
    const [daily] = (await db.query(`SELECT sum(count)::int AS n FROM usage_daily`)) as { n: number }[];
    expect(daily!.n).toBe(6);

    const local = await app.app.get(LocalUsageService).query({ from: new Date(second - 60_000).toISOString(), to: new Date(second + 60_000).toISOString(), groupBy: 'UserId' });
    expect(local.results).toEqual([expect.objectContaining({ userId: call.userId, requests: 6, status200: 5, status400: 1 })]);
  });

  it('still takes a row as the previous release writes it (a rolling deploy), counted as one call', async () => {
    const at = new Date(Math.floor(Date.now() / 1000) * 1000 - 7_200_000);
    const userId = '0c0ffee0-0000-4000-8000-0000000000aa';
    await db.query(
      `INSERT INTO usage_events (occurred_at, provider, user_id, session_kind, route_template, method, status, status_class, outcome, duration_ms, bytes_in, bytes_out)
       VALUES ($1, 'genesys', $2, 'web', '/api/v2/users/me', 'GET', 200, '2xx', 'answered', 7, 0, 10)`,
      [at, userId],
    );
    const [row] = (await db.query(`SELECT calls, duration_ms_sum FROM usage_events WHERE user_id = $1`, [userId])) as { calls: number; duration_ms_sum: string | null }[];
    expect(row).toEqual({ calls: 1, duration_ms_sum: null });
    const local = await app.app.get(LocalUsageService).query({ from: new Date(at.getTime() - 60_000).toISOString(), to: new Date(at.getTime() + 60_000).toISOString(), userId });
    expect(local.results).toEqual([expect.objectContaining({ requests: 1, status200: 1 })]);
  });
});
