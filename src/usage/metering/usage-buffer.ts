import type { RelayCallRecord } from '../../relay/relay-meter.js';

/** A buffered call and the time (epoch ms) it finished. */
export interface BufferedCall {
  call: RelayCallRecord;
  at: number;
}

/**
 * A fixed-capacity FIFO ring of relayed calls. `push` is O(1) and allocates
 * nothing: the record object the relay built is kept as is, its time goes into a
 * preallocated Float64Array. When full, `push` refuses (the caller counts the drop):
 * memory stays bounded however long Postgres is away.
 */
export class UsageBuffer {
  private readonly calls: (RelayCallRecord | undefined)[];
  private readonly times: Float64Array;
  private head = 0;
  private count = 0;

  constructor(readonly capacity: number) {
    this.calls = new Array<RelayCallRecord | undefined>(capacity).fill(undefined);
    this.times = new Float64Array(capacity);
  }

  get size(): number {
    return this.count;
  }

  /** False when the buffer is full and the call was not kept. */
  push(call: RelayCallRecord, at: number): boolean {
    if (this.count === this.capacity) return false;
    const slot = (this.head + this.count) % this.capacity;
    this.calls[slot] = call;
    this.times[slot] = at;
    this.count += 1;
    return true;
  }

  /** Removes and returns up to `max` of the oldest calls. */
  take(max: number): BufferedCall[] {
    const n = Math.min(max, this.count);
    const out: BufferedCall[] = new Array<BufferedCall>(n);
    for (let i = 0; i < n; i++) {
      const slot = (this.head + i) % this.capacity;
      out[i] = { call: this.calls[slot]!, at: this.times[slot]! };
      this.calls[slot] = undefined;
    }
    this.head = (this.head + n) % this.capacity;
    this.count -= n;
    return out;
  }
}
