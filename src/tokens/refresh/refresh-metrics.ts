import { Counter, Gauge, Histogram, type Registry } from 'prom-client';
import type { BreakerState } from '../../providers/circuit-breaker.js';

export type RefreshOutcome = 'success' | 'invalid_grant' | 'unavailable' | 'rate_limited' | 'skipped_already_refreshed' | 'error';

const BREAKER_VALUE: Record<BreakerState, number> = { closed: 0, half_open: 1, open: 2 };

/**
 * The refresh path's metrics, registered into the app's own registry (MetricsService),
 * so several apps in one process never clash. The breaker gauge reads 0 closed,
 * 1 half-open, 2 open.
 */
export class RefreshMetrics {
  private readonly refreshes: Counter<'provider' | 'outcome'>;
  private readonly lockWait: Histogram<'provider' | 'result'>;
  private readonly breaker: Gauge<'provider'>;

  constructor(registry: Registry) {
    this.refreshes = new Counter({
      name: 'token_refresh_total',
      help: 'Token refreshes by provider and outcome (skipped_already_refreshed: another caller or instance did it)',
      labelNames: ['provider', 'outcome'] as const,
      registers: [registry],
    });
    this.lockWait = new Histogram({
      name: 'token_refresh_lock_wait_seconds',
      help: 'Time spent waiting for another instance holding the refresh lock, by how the wait ended',
      labelNames: ['provider', 'result'] as const,
      buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 20],
      registers: [registry],
    });
    this.breaker = new Gauge({
      name: 'upstream_circuit_breaker_state',
      help: 'Per-provider circuit breaker: 0 closed, 1 half-open, 2 open',
      labelNames: ['provider'] as const,
      registers: [registry],
    });
  }

  refreshed(provider: string, outcome: RefreshOutcome): void {
    this.refreshes.inc({ provider, outcome });
  }

  /** `result`: reused (another holder's result), acquired (the lock freed up), timeout. */
  waited(provider: string, result: 'reused' | 'acquired' | 'timeout' | 'failed', seconds: number): void {
    this.lockWait.observe({ provider, result }, seconds);
  }

  breakerState(provider: string, state: BreakerState): void {
    this.breaker.set({ provider }, BREAKER_VALUE[state]);
  }
}
