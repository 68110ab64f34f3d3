/** Something with a deadline that can be told it expired (an upstream exchange). */
export interface Expirable {
  deadline: number;
  expire(): void;
}

/**
 * RELAY_TIMEOUT_MS for every relayed call with one timer for all of them, not one per
 * call: calls are kept in arrival order, which is deadline order (one timeout for all),
 * and a sweep every `tickMs` expires the overdue ones from the front. The interval only
 * runs while calls are in flight. Precision is one tick (at most 100 ms, a twentieth of
 * the timeout for short ones), where undici's own headers/body timeouts are only
 * accurate to about half a second; those stay as backstops.
 */
export class RelayDeadlines {
  private readonly pending = new Set<Expirable>();
  private readonly tickMs: number;
  private timer?: NodeJS.Timeout;

  constructor(private readonly timeoutMs: number) {
    this.tickMs = Math.max(10, Math.min(100, Math.floor(timeoutMs / 20)));
  }

  track(item: Expirable): void {
    item.deadline = performance.now() + this.timeoutMs;
    this.pending.add(item);
    if (!this.timer) {
      this.timer = setInterval(() => this.sweep(), this.tickMs);
      this.timer.unref();
    }
  }

  untrack(item: Expirable): void {
    this.pending.delete(item);
  }

  close(): void {
    clearInterval(this.timer);
    this.timer = undefined;
    this.pending.clear();
  }

  private sweep(): void {
    const now = performance.now();
    for (const item of this.pending) {
      if (item.deadline > now) break;
      this.pending.delete(item);
      item.expire();
    }
    if (this.pending.size === 0) this.close();
  }
}
