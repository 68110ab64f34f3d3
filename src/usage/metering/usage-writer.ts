import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { numberArray, textArray, uuidArray } from './pg-array-literal.js';
import { batchOf, type BufferedCall, type UsageBatch } from './usage-buffer.js';
import { perSecond } from './usage-per-second.js';
import { rollUp, type DailyRow } from './usage-rollup.js';

// The per-second rows are unnested from one array literal per column ($1..$14): the SQL
// text of that part never changes and neither side handles a parameter per value. The
// roll-up rows follow as ordinary parameters (a handful per batch).
const INSERT_EVENTS = `INSERT INTO usage_events (occurred_at, provider, user_id, session_kind, route_template, method, status, status_class, outcome, calls, duration_ms_sum, duration_ms, bytes_in, bytes_out)
    SELECT to_timestamp(at / 1000.0), provider, user_id, session_kind, route_template, method, status, status_class, outcome, calls, duration_ms_sum, duration_ms_max, bytes_in, bytes_out
    FROM unnest($1::float8[], $2::varchar[], $3::uuid[], $4::varchar[], $5::varchar[], $6::varchar[], $7::smallint[], $8::varchar[], $9::varchar[], $10::int[], $11::bigint[], $12::int[], $13::bigint[], $14::bigint[])
      AS e(at, provider, user_id, session_kind, route_template, method, status, status_class, outcome, calls, duration_ms_sum, duration_ms_max, bytes_in, bytes_out)`;
const EVENT_PARAMS = 14;
const DAILY_WIDTH = 9;

/** `($15, $16, ...), ($24, ...)` for the roll-up rows after the event parameters. */
function dailyPlaceholders(rows: number): string {
  const groups: string[] = [];
  for (let r = 0; r < rows; r++) {
    const first = EVENT_PARAMS + r * DAILY_WIDTH + 1;
    groups.push(`(${Array.from({ length: DAILY_WIDTH }, (_, c) => `$${first + c}`).join(', ')})`);
  }
  return groups.join(', ');
}

/** The batch's per-second rows as array literals, in INSERT_EVENTS' parameter order. */
function eventParams(batch: UsageBatch): string[] {
  const rows = perSecond(batch);
  return [
    numberArray(rows.second), textArray(rows.provider), uuidArray(rows.userId), textArray(rows.sessionKind), textArray(rows.route), textArray(rows.method),
    numberArray(rows.status), textArray(rows.statusClass), textArray(rows.outcome), numberArray(rows.calls), numberArray(rows.durationMsSum), numberArray(rows.durationMsMax),
    numberArray(rows.bytesIn), numberArray(rows.bytesOut),
  ];
}

/**
 * Writes one batch with one statement: the multi-row insert of its per-second rows
 * (usage-per-second.ts) into `usage_events` and, in the same statement (a
 * data-modifying WITH), the multi-row upsert adding the batch's counts to `usage_daily`. One statement is one transaction: either both land or
 * neither, so the roll-up never drifts from the events; and it is one round trip.
 */
@Injectable()
export class UsageWriter {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** `rows`: the batch's roll-up when the caller already computed it (rollUp). */
  async write(input: UsageBatch | readonly BufferedCall[], rows?: DailyRow[]): Promise<void> {
    const batch = Array.isArray(input) ? batchOf(input) : (input as UsageBatch);
    if (batch.length === 0) return;
    const daily = rows ?? rollUp(batch);
    const params: unknown[] = eventParams(batch);
    for (const r of daily) params.push(r.day, r.provider, r.route, r.method, r.statusClass, r.count, r.errors, r.latencySum, r.histogram);
    await this.dataSource.query(
      `WITH events AS (${INSERT_EVENTS})
       INSERT INTO usage_daily (day, provider, route_template, method, status_class, count, error_count, latency_sum_ms, latency_histogram)
       VALUES ${dailyPlaceholders(daily.length)}
       ON CONFLICT (day, provider, route_template, method, status_class) DO UPDATE SET
         count = usage_daily.count + EXCLUDED.count,
         error_count = usage_daily.error_count + EXCLUDED.error_count,
         latency_sum_ms = usage_daily.latency_sum_ms + EXCLUDED.latency_sum_ms,
         latency_histogram = ARRAY(SELECT a + b FROM unnest(usage_daily.latency_histogram, EXCLUDED.latency_histogram) WITH ORDINALITY AS h(a, b, i) ORDER BY i)`,
      params,
    );
  }
}
