import type { UsageBatch } from './usage-buffer.js';
import { LATENCY_BUCKETS_MS, latencyBucketOf, outcomeOf, statusClassOf, type StatusClass } from './usage-classify.js';

const DAY_MS = 86_400_000;

/** One `usage_daily` row's worth of a batch: the counts the flush adds to that day's row. */
export interface DailyRow {
  day: string;
  provider: string;
  route: string;
  method: string;
  statusClass: StatusClass;
  count: number;
  errors: number;
  latencySum: number;
  histogram: number[];
}

/** The BFF answered itself (refused, timed out, breaker open, failed), or the status was 4xx/5xx. */
export function isError(errorCode: string | undefined, status: number): boolean {
  return outcomeOf(errorCode, status) !== 'answered' || status >= 400;
}

/**
 * A batch summed per UTC day, provider, route template, method and status class, in a
 * fixed order (concurrent flushes of several instances then lock roll-up rows in the
 * same order: no deadlock). A handful of rows per batch: the Prometheus counters and
 * the roll-up upsert are fed from these, not per call.
 */
export function rollUp(batch: UsageBatch): DailyRow[] {
  const rows = new Map<string, DailyRow>();
  for (let i = 0; i < batch.length; i++) {
    const status = batch.status[i]!;
    const statusClass = statusClassOf(status);
    // The UTC day as a number; its ISO date is only built once per roll-up row.
    const dayNumber = Math.floor(batch.at[i]! / DAY_MS);
    const key = `${dayNumber}\n${batch.provider[i]}\n${batch.route[i]}\n${batch.method[i]}\n${statusClass}`;
    let row = rows.get(key);
    if (!row) {
      row = { day: new Date(dayNumber * DAY_MS).toISOString().slice(0, 10), provider: batch.provider[i]!, route: batch.route[i]!, method: batch.method[i]!, statusClass, count: 0, errors: 0, latencySum: 0, histogram: new Array<number>(LATENCY_BUCKETS_MS.length + 1).fill(0) };
      rows.set(key, row);
    }
    const ms = batch.durationMs[i]!;
    row.count += 1;
    if (isError(batch.errorCode[i], status)) row.errors += 1;
    row.latencySum += ms;
    row.histogram[latencyBucketOf(ms)]! += 1;
  }
  return [...rows.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([, row]) => row);
}
