import type { CircuitBreaker } from '../../providers/circuit-breaker.js';
import type { DpopKey } from '../../providers/dpop/dpop-key.js';
import { backoffDelay, sleep } from '../../providers/http/backoff.js';
import type { ProviderAdapter, TokenSet } from '../../providers/provider-adapter.js';
import { UpstreamError } from '../../providers/upstream-error.js';

/** Retry-After we send with a 503 when the provider gave none (timeouts, 5xx). */
export const DEFAULT_RETRY_AFTER_SECONDS = 2;
/** A provider's own Retry-After is passed on up to this; a client should not be told to wait for hours. */
export const MAX_RETRY_AFTER_SECONDS = 120;
const MAX_ATTEMPTS = 3;

export interface UpstreamRefreshCall {
  adapter: ProviderAdapter;
  breaker: CircuitBreaker;
  refreshToken: string;
  /** The link's DPoP key, when its tokens are bound to one. */
  dpop?: DpopKey;
  /** No new attempt may start after this (epoch ms); keeps retries inside the lock's lifetime. */
  retryDeadline: number;
  now: () => number;
}

/**
 * One refresh at the provider, through its circuit breaker. Retried with backoff and
 * jitter only when the provider tolerates reusing a refresh token: with rotation, a
 * timed-out attempt may have been accepted upstream, and sending the same token again
 * would be refused or read as theft (Cal.com revokes the whole family).
 * Transient failures come out as UpstreamError with a Retry-After.
 */
export async function refreshAtProvider(call: UpstreamRefreshCall): Promise<TokenSet> {
  const attempts = call.adapter.capabilities.rotatesRefreshTokens ? 1 : MAX_ATTEMPTS;
  for (let attempt = 1; ; attempt++) {
    try {
      return await call.breaker.run(() => call.adapter.refresh(call.refreshToken, call.dpop ? { dpop: call.dpop } : undefined));
    } catch (error) {
      if (!(error instanceof UpstreamError) || !isTransient(error)) throw error;
      const wait = error.retryAfterSeconds !== undefined ? error.retryAfterSeconds * 1000 : backoffDelay(attempt - 1, 100, 1_000);
      if (attempt >= attempts || call.now() + wait >= call.retryDeadline) throw withRetryAfter(error);
      await sleep(wait);
    }
  }
}

function isTransient(error: UpstreamError): boolean {
  return error.failure === 'unavailable' || error.failure === 'rate_limited';
}

/** Callers answer 503 with Retry-After: the provider's (bounded), else our default. */
function withRetryAfter(error: UpstreamError): UpstreamError {
  const seconds = Math.min(error.retryAfterSeconds ?? DEFAULT_RETRY_AFTER_SECONDS, MAX_RETRY_AFTER_SECONDS);
  if (seconds === error.retryAfterSeconds) return error;
  return new UpstreamError(error.failure, error.provider, error.message, error.upstreamStatus, seconds);
}
