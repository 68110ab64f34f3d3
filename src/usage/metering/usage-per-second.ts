import type { UsageBatch } from './usage-buffer.js';
import { outcomeOf, statusClassOf, type StatusClass, type UsageOutcome } from './usage-classify.js';

const SECOND_MS = 1_000;

/**
 * A batch folded into `usage_events` rows: the calls that finished in the same UTC
 * second with the same provider, user, session kind, route template, method, status
 * and outcome become one row with their count and their latency and byte totals.
 * Why: one Postgres row (heap plus index entries) per call was most of metering's
 * cost under load, while a busy app repeats the same call many times a second.
 * Nothing counted is lost: every call is in exactly one row's `calls`.
 */
export interface SecondRows {
  length: number;
  /** The second's start, epoch ms. */
  readonly second: number[];
  readonly provider: string[];
  readonly userId: string[];
  readonly sessionKind: string[];
  readonly route: string[];
  readonly method: string[];
  readonly status: number[];
  readonly statusClass: StatusClass[];
  readonly outcome: UsageOutcome[];
  readonly calls: number[];
  readonly durationMsSum: number[];
  readonly durationMsMax: number[];
  readonly bytesIn: number[];
  readonly bytesOut: number[];
}

export function perSecond(batch: UsageBatch): SecondRows {
  const rows: SecondRows = { length: 0, second: [], provider: [], userId: [], sessionKind: [], route: [], method: [], status: [], statusClass: [], outcome: [], calls: [], durationMsSum: [], durationMsMax: [], bytesIn: [], bytesOut: [] };
  const rowOf = new Map<string, number>();
  for (let i = 0; i < batch.length; i++) {
    const second = Math.floor(batch.at[i]! / SECOND_MS) * SECOND_MS;
    const status = batch.status[i]!;
    const outcome = outcomeOf(batch.errorCode[i], status);
    const key = `${second}\n${batch.provider[i]}\n${batch.userId[i]}\n${batch.sessionKind[i]}\n${batch.route[i]}\n${batch.method[i]}\n${status}\n${outcome}`;
    const ms = batch.durationMs[i]!;
    let row = rowOf.get(key);
    if (row === undefined) {
      row = rows.length++;
      rowOf.set(key, row);
      rows.second.push(second);
      rows.provider.push(batch.provider[i]!);
      rows.userId.push(batch.userId[i]!);
      rows.sessionKind.push(batch.sessionKind[i]!);
      rows.route.push(batch.route[i]!);
      rows.method.push(batch.method[i]!);
      rows.status.push(status);
      rows.statusClass.push(statusClassOf(status));
      rows.outcome.push(outcome);
      rows.calls.push(0);
      rows.durationMsSum.push(0);
      rows.durationMsMax.push(0);
      rows.bytesIn.push(0);
      rows.bytesOut.push(0);
    }
    rows.calls[row]! += 1;
    rows.durationMsSum[row]! += ms;
    if (ms > rows.durationMsMax[row]!) rows.durationMsMax[row] = ms;
    rows.bytesIn[row]! += batch.bytesIn[i]!;
    rows.bytesOut[row]! += batch.bytesOut[i]!;
  }
  return rows;
}
