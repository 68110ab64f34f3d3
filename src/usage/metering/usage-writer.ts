import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import type { BufferedCall } from './usage-buffer.js';
import { LATENCY_BUCKETS_MS, latencyBucketOf, outcomeOf, statusClassOf } from './usage-classify.js';

const EVENT_COLUMNS = 'occurred_at, provider, user_id, session_kind, route_template, method, status, status_class, outcome, duration_ms, bytes_in, bytes_out';
// One statement for the whole batch with one array parameter per column: the SQL text
// never changes and pg serialises 12 arrays far cheaper than 12 parameters per row.
const INSERT_EVENTS = `INSERT INTO usage_events (${EVENT_COLUMNS})
  SELECT to_timestamp(at / 1000.0), provider, user_id, session_kind, route_template, method, status, status_class, outcome, duration_ms, bytes_in, bytes_out
  FROM unnest($1::float8[], $2::varchar[], $3::uuid[], $4::varchar[], $5::varchar[], $6::varchar[], $7::smallint[], $8::varchar[], $9::varchar[], $10::int[], $11::bigint[], $12::bigint[])
    AS e(at, provider, user_id, session_kind, route_template, method, status, status_class, outcome, duration_ms, bytes_in, bytes_out)`;
const DAY_MS = 86_400_000;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

interface DailyRow {
  day: string;
  provider: string;
  route: string;
  method: string;
  statusClass: string;
  count: number;
  errors: number;
  latencySum: number;
  histogram: number[];
}

/** `($1, $2, ...), ($13, ...)` for `rows` rows of `width` parameters. */
function placeholders(rows: number, width: number): string {
  const groups: string[] = [];
  for (let r = 0; r < rows; r++) groups.push(`(${Array.from({ length: width }, (_, c) => `$${r * width + c + 1}`).join(', ')})`);
  return groups.join(', ');
}

/**
 * Writes one batch in one transaction: a single multi-row insert into
 * `usage_events` (rows unnested from per-column arrays), and a single multi-row upsert into `usage_daily` with the batch's
 * counts added to the day's row. Either both land or neither, so the roll-up never
 * drifts from the events.
 */
@Injectable()
export class UsageWriter {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async write(batch: BufferedCall[]): Promise<void> {
    if (batch.length === 0) return;
    const columns: unknown[][] = Array.from({ length: 12 }, () => new Array<unknown>(batch.length));
    const daily = new Map<string, DailyRow>();
    for (let i = 0; i < batch.length; i++) {
      const { call, at } = batch[i]!;
      const statusClass = statusClassOf(call.status);
      const outcome = outcomeOf(call.errorCode, call.status);
      const row = [at, call.provider, UUID.test(call.userId) ? call.userId : null, call.sessionKind, call.route, call.method, call.status, statusClass, outcome, call.durationMs, call.bytesIn, call.bytesOut];
      for (let c = 0; c < 12; c++) columns[c]![i] = row[c];
      // The UTC day as a number; its ISO date is only built once per roll-up row.
      const dayNumber = Math.floor(at / DAY_MS);
      const key = `${dayNumber}\n${call.provider}\n${call.route}\n${call.method}\n${statusClass}`;
      let sums = daily.get(key);
      if (!sums) {
        sums = { day: new Date(dayNumber * DAY_MS).toISOString().slice(0, 10), provider: call.provider, route: call.route, method: call.method, statusClass, count: 0, errors: 0, latencySum: 0, histogram: new Array<number>(LATENCY_BUCKETS_MS.length + 1).fill(0) };
        daily.set(key, sums);
      }
      sums.count += 1;
      if (outcome !== 'answered' || call.status >= 400) sums.errors += 1;
      sums.latencySum += call.durationMs;
      sums.histogram[latencyBucketOf(call.durationMs)]! += 1;
    }
    // A fixed row order makes concurrent flushes of several instances lock roll-up rows in the same order (no deadlock).
    const rows = [...daily.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([, row]) => row);
    const dailyParams = rows.flatMap((r) => [r.day, r.provider, r.route, r.method, r.statusClass, r.count, r.errors, r.latencySum, r.histogram]);
    await this.dataSource.transaction(async (manager) => {
      await manager.query(INSERT_EVENTS, columns);
      await manager.query(
        `INSERT INTO usage_daily (day, provider, route_template, method, status_class, count, error_count, latency_sum_ms, latency_histogram)
         VALUES ${placeholders(rows.length, 9)}
         ON CONFLICT (day, provider, route_template, method, status_class) DO UPDATE SET
           count = usage_daily.count + EXCLUDED.count,
           error_count = usage_daily.error_count + EXCLUDED.error_count,
           latency_sum_ms = usage_daily.latency_sum_ms + EXCLUDED.latency_sum_ms,
           latency_histogram = ARRAY(SELECT a + b FROM unnest(usage_daily.latency_histogram, EXCLUDED.latency_histogram) WITH ORDINALITY AS h(a, b, i) ORDER BY i)`,
        dailyParams,
      );
    });
  }
}
