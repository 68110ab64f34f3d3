/** One relayed call as usage metering will record it (DESIGN.md §2 `usage_events`). */
export interface RelayCallRecord {
  provider: string;
  userId: string;
  method: string;
  /** The allowlist template that matched, never the raw path. */
  route: string;
  status: number;
  durationMs: number;
}

/**
 * The seam for the usage module's metering: called once after every relayed response
 * that reached the upstream allowlist stage. Must not throw or block; the default
 * records nothing until the usage issue binds a real implementation.
 */
export abstract class RelayMeter {
  abstract record(call: RelayCallRecord): void;
}

export class NoopRelayMeter extends RelayMeter {
  record(): void {}
}
