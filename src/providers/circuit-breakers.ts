import { CircuitBreaker, type BreakerState } from './circuit-breaker.js';

export interface BreakerSettings {
  failureThreshold: number;
  cooldownMs: number;
}

/**
 * One CircuitBreaker per provider id, created on first use and kept for the life of
 * the app (so its state survives between requests). Per instance, not fleet-wide:
 * each instance notices a failing provider on its own within a few calls, which is
 * cheaper than sharing state through Redis on every upstream call.
 */
export class CircuitBreakers {
  private readonly breakers = new Map<string, CircuitBreaker>();

  constructor(
    private readonly settings: BreakerSettings,
    private readonly onStateChange: (provider: string, state: BreakerState) => void = () => undefined,
    private readonly now: () => number = Date.now,
  ) {}

  forProvider(provider: string): CircuitBreaker {
    let breaker = this.breakers.get(provider);
    if (!breaker) {
      breaker = new CircuitBreaker(provider, {
        ...this.settings,
        now: this.now,
        onStateChange: (state) => this.onStateChange(provider, state),
      });
      this.breakers.set(provider, breaker);
      this.onStateChange(provider, breaker.state);
    }
    return breaker;
  }
}
