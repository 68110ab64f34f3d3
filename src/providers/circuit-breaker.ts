import { UpstreamError } from './upstream-error.js';

export type BreakerState = 'closed' | 'open' | 'half_open';

export interface BreakerOptions {
  /** Consecutive failures that open the breaker. */
  failureThreshold: number;
  /** How long it stays open before one trial call is let through. */
  cooldownMs: number;
  /** Injectable clock, so tests need no sleeping. */
  now?: () => number;
  onStateChange?: (state: BreakerState) => void;
}

/**
 * A per-provider circuit breaker. When a provider keeps timing out or failing with
 * 5xx, waiting out the timeout on every request only ties up our sockets and the
 * user's time: after `failureThreshold` consecutive failures we answer
 * UpstreamError('unavailable') with Retry-After at once, for `cooldownMs`. Then one
 * trial call goes through (half-open): success closes it, failure opens it again.
 *
 * Only signs of an unhealthy provider count (unavailable: timeout, connection
 * failure, 5xx). Any other answer, even invalid_grant, proves it is up and resets
 * the count. 429 is neither: the provider is up but asks us to slow down, which
 * Retry-After already conveys.
 */
export class CircuitBreaker {
  private current: BreakerState = 'closed';
  private failures = 0;
  private openedAt = 0;
  private trialInFlight = false;
  private readonly now: () => number;

  constructor(
    readonly provider: string,
    private readonly options: BreakerOptions,
  ) {
    this.now = options.now ?? Date.now;
  }

  get state(): BreakerState {
    return this.current;
  }

  /**
   * Runs `call` unless the breaker is open; records the outcome. `failedResult` lets a
   * caller that gets answers rather than errors (e.g. the relay's 5xx) count them too;
   * `failedError` does the same for errors of its own kind (the relay's 502/504).
   */
  async run<T>(call: () => Promise<T>, failedResult?: (result: T) => boolean, failedError?: (error: unknown) => boolean): Promise<T> {
    const trial = this.admit();
    try {
      const result = await call();
      if (failedResult?.(result)) this.failed();
      else this.succeeded();
      return result;
    } catch (error) {
      if (isUnhealthy(error) || failedError?.(error)) this.failed();
      else this.succeeded();
      throw error;
    } finally {
      if (trial) this.trialInFlight = false;
    }
  }

  /**
   * Throws the fast 503 when calls are not let through; moves open -> half_open after
   * the cool-down. True when this call is the half-open trial.
   */
  private admit(): boolean {
    if (this.current === 'open') {
      const remaining = this.openedAt + this.options.cooldownMs - this.now();
      if (remaining > 0) throw this.rejection(remaining);
      this.transition('half_open');
    }
    if (this.current === 'half_open') {
      // One trial at a time: the others are answered as if still open.
      if (this.trialInFlight) throw this.rejection(this.options.cooldownMs);
      this.trialInFlight = true;
      return true;
    }
    return false;
  }

  private succeeded(): void {
    this.failures = 0;
    if (this.current !== 'closed') this.transition('closed');
  }

  private failed(): void {
    this.failures += 1;
    if (this.current === 'half_open' || this.failures >= this.options.failureThreshold) {
      this.openedAt = this.now();
      this.transition('open');
    }
  }

  private transition(next: BreakerState): void {
    if (next === this.current) return;
    this.current = next;
    this.options.onStateChange?.(next);
  }

  private rejection(remainingMs: number): UpstreamError {
    const retryAfter = Math.max(1, Math.ceil(remainingMs / 1000));
    return new UpstreamError('unavailable', this.provider, 'the provider is failing; calls are paused (circuit open)', undefined, retryAfter);
  }
}

function isUnhealthy(error: unknown): boolean {
  return error instanceof UpstreamError && error.failure === 'unavailable';
}
