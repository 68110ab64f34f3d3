/** One relayed call as usage metering records it (DESIGN.md §2 `usage_events`; docs/usage.md). */
export interface RelayCallRecord {
  provider: string;
  userId: string;
  /** The session's kind (`web` or `native`). */
  sessionKind: string;
  method: string;
  /** The allowlist template that matched, never the raw path; NOT_ALLOWLISTED_ROUTE when none did. */
  route: string;
  /** The status the caller got (the upstream's, or the BFF's problem status). */
  status: number;
  durationMs: number;
  /** Request body bytes as declared by Content-Length (0 when absent or chunked). */
  bytesIn: number;
  /** Response body bytes forwarded to the caller (0 when the BFF answered with a problem). */
  bytesOut: number;
  /** The problem `code` when the BFF answered instead of the upstream (refusal, timeout, breaker open); absent for an upstream answer. */
  errorCode?: string;
}

/** The route recorded for a call the allowlist refused: the raw path is never stored. */
export const NOT_ALLOWLISTED_ROUTE = '(not allowlisted)';

/**
 * The seam for the usage module's metering: called once after every relayed call
 * whose provider is known. Must not throw, block or await: implementations buffer.
 */
export abstract class RelayMeter {
  abstract record(call: RelayCallRecord): void;
}

/** Records nothing: the binding when metering is switched off (USAGE_METERING_ENABLED=false). */
export class NoopRelayMeter extends RelayMeter {
  record(): void {}
}
