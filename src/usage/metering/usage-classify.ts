/** How a relayed call ended, from the caller's side. */
export type UsageOutcome = 'answered' | 'refused' | 'timeout' | 'breaker_open' | 'failed';

/** The upstream usage results' status buckets: 429 is counted on its own, not as a 4xx. */
export type StatusClass = '2xx' | '3xx' | '4xx' | '429' | '5xx';

export const STATUS_CLASSES: readonly StatusClass[] = ['2xx', '3xx', '4xx', '429', '5xx'];

export function statusClassOf(status: number): StatusClass {
  if (status === 429) return '429';
  if (status < 300) return '2xx';
  if (status < 400) return '3xx';
  if (status < 500) return '4xx';
  return '5xx';
}

/**
 * The problem code the relay answered with decides the outcome: none means the
 * upstream's own answer was forwarded. The codes are the relay's and the breaker's
 * stable ones (docs/relay.md, docs/providers.md).
 */
export function outcomeOf(errorCode: string | undefined, status: number): UsageOutcome {
  if (errorCode === undefined) return 'answered';
  if (errorCode === 'upstream_timeout') return 'timeout';
  if (errorCode === 'upstream_unavailable') return 'breaker_open';
  return status >= 500 ? 'failed' : 'refused';
}

/** Upper bounds (ms, inclusive) of the roll-up's latency histogram; a last bucket takes the rest. */
export const LATENCY_BUCKETS_MS = [5, 10, 25, 50, 100, 250, 500, 1_000, 2_500, 5_000, 10_000] as const;

export function latencyBucketOf(ms: number): number {
  for (let i = 0; i < LATENCY_BUCKETS_MS.length; i++) if (ms <= LATENCY_BUCKETS_MS[i]!) return i;
  return LATENCY_BUCKETS_MS.length;
}

