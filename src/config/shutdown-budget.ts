/**
 * How SHUTDOWN_GRACE_MS is spent after SIGTERM (docs/operations.md, "Draining"):
 * SHUTDOWN_READINESS_DRAIN_MS for load balancers to see readiness turn red, then
 * in-flight requests, then a slice to close Redis, the database and upstream pools.
 */
export const CLOSE_BUDGET_MS = 1_000;

export interface ShutdownTimeline {
  /** When the listener closes and new requests on old connections get 503 (ms after the signal). */
  stopAcceptingAtMs: number;
  /** When connections still open are cut. */
  forceCloseAtMs: number;
  /** When the process exits even if closing modules has not finished. */
  exitAtMs: number;
}

export function shutdownTimeline(graceMs: number, readinessDrainMs: number): ShutdownTimeline {
  return { stopAcceptingAtMs: readinessDrainMs, forceCloseAtMs: Math.max(readinessDrainMs, graceMs - CLOSE_BUDGET_MS), exitAtMs: graceMs };
}

/**
 * A relayed call accepted just before the listener closes may run for RELAY_TIMEOUT_MS;
 * it must end before the cut-off, or draining would reset it mid-answer.
 */
export function shutdownBudgetProblems(graceMs: number, relayTimeoutMs: number, readinessDrainMs: number): string[] {
  const needed = relayTimeoutMs + readinessDrainMs + CLOSE_BUDGET_MS;
  if (graceMs >= needed) return [];
  return [
    `SHUTDOWN_GRACE_MS: ${graceMs} ms cannot drain a relayed call of RELAY_TIMEOUT_MS (${relayTimeoutMs} ms) after SHUTDOWN_READINESS_DRAIN_MS (${readinessDrainMs} ms); ` +
      `it must be at least RELAY_TIMEOUT_MS + SHUTDOWN_READINESS_DRAIN_MS + ${CLOSE_BUDGET_MS} ms (${needed}), or lower RELAY_TIMEOUT_MS or SHUTDOWN_READINESS_DRAIN_MS`,
  ];
}
