import type { RelayCallRecord } from '../../relay/relay-meter.js';

/** A buffered call and the time (epoch ms) it finished. */
export interface BufferedCall {
  call: RelayCallRecord;
  at: number;
}

/**
 * Calls as columns, one array per field, `length` entries each. Column form is what
 * the writer sends (one array parameter per column) and it keeps no object per call
 * alive between the relay and the flush: the relay's record dies young, which spares
 * the old generation (and RSS) under load.
 */
export interface UsageBatch {
  readonly length: number;
  readonly at: Float64Array;
  readonly provider: string[];
  readonly userId: string[];
  readonly sessionKind: string[];
  readonly method: string[];
  readonly route: string[];
  readonly status: Uint16Array;
  readonly durationMs: Uint32Array;
  readonly bytesIn: Float64Array;
  readonly bytesOut: Float64Array;
  readonly errorCode: (string | undefined)[];
}

function emptyBatch(length: number): UsageBatch {
  const strings = () => new Array<string>(length);
  return {
    length,
    at: new Float64Array(length),
    provider: strings(),
    userId: strings(),
    sessionKind: strings(),
    method: strings(),
    route: strings(),
    status: new Uint16Array(length),
    durationMs: new Uint32Array(length),
    bytesIn: new Float64Array(length),
    bytesOut: new Float64Array(length),
    errorCode: new Array<string | undefined>(length),
  };
}

// A count that is not a finite non-negative number would make Postgres refuse the whole batch.
const wholeCount = (n: number) => (Number.isFinite(n) && n > 0 ? Math.round(n) : 0);

function put(columns: UsageBatch, slot: number, call: RelayCallRecord, at: number): void {
  columns.at[slot] = at;
  columns.provider[slot] = call.provider;
  columns.userId[slot] = call.userId;
  columns.sessionKind[slot] = call.sessionKind;
  columns.method[slot] = call.method;
  columns.route[slot] = call.route;
  columns.status[slot] = call.status;
  columns.durationMs[slot] = wholeCount(call.durationMs);
  columns.bytesIn[slot] = wholeCount(call.bytesIn);
  columns.bytesOut[slot] = wholeCount(call.bytesOut);
  columns.errorCode[slot] = call.errorCode;
}

function copy(from: UsageBatch, slot: number, to: UsageBatch, i: number): void {
  to.at[i] = from.at[slot]!;
  to.provider[i] = from.provider[slot]!;
  to.userId[i] = from.userId[slot]!;
  to.sessionKind[i] = from.sessionKind[slot]!;
  to.method[i] = from.method[slot]!;
  to.route[i] = from.route[slot]!;
  to.status[i] = from.status[slot]!;
  to.durationMs[i] = from.durationMs[slot]!;
  to.bytesIn[i] = from.bytesIn[slot]!;
  to.bytesOut[i] = from.bytesOut[slot]!;
  to.errorCode[i] = from.errorCode[slot];
  from.errorCode[slot] = undefined;
}

/** The batch form of a list of calls (tests, and writes outside the ring). */
export function batchOf(calls: readonly BufferedCall[]): UsageBatch {
  const batch = emptyBatch(calls.length);
  calls.forEach(({ call, at }, i) => put(batch, i, call, at));
  return batch;
}

/**
 * A fixed-capacity FIFO ring of relayed calls, stored as preallocated columns: `push`
 * is O(1), copies the record's fields into its slot and allocates nothing. When full,
 * `push` refuses (the caller counts the drop): memory stays bounded however long
 * Postgres is away. Strings are shared with the caller (providers, templates, user
 * ids), so a slot costs a few dozen bytes.
 */
export class UsageBuffer {
  private readonly ring: UsageBatch;
  private head = 0;
  private count = 0;

  constructor(readonly capacity: number) {
    this.ring = emptyBatch(capacity);
  }

  get size(): number {
    return this.count;
  }

  /** False when the buffer is full and the call was not kept. */
  push(call: RelayCallRecord, at: number): boolean {
    if (this.count === this.capacity) return false;
    put(this.ring, (this.head + this.count) % this.capacity, call, at);
    this.count += 1;
    return true;
  }

  /** Removes and returns up to `max` of the oldest calls, as columns. */
  take(max: number): UsageBatch {
    const n = Math.min(max, this.count);
    const out = emptyBatch(n);
    for (let i = 0; i < n; i++) copy(this.ring, (this.head + i) % this.capacity, out, i);
    this.head = (this.head + n) % this.capacity;
    this.count -= n;
    return out;
  }
}
