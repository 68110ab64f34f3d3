import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/**
 * The daily roll-up of `usage_events`, upserted by every metering flush: one row per
 * day, provider, route template, method and status class. Latency is kept as a sum
 * and a fixed-bucket histogram (bounds in LATENCY_BUCKETS_MS) so p95 can be read
 * back for any range of days by adding histograms.
 */
@Entity({ name: 'usage_daily' })
@Index('idx_usage_daily_provider_day', ['provider', 'day'])
export class UsageDailyEntity {
  @PrimaryColumn({ type: 'date' })
  day: string;

  @PrimaryColumn({ type: 'varchar', length: 64 })
  provider: string;

  @PrimaryColumn({ name: 'route_template', type: 'varchar', length: 512 })
  routeTemplate: string;

  @PrimaryColumn({ type: 'varchar', length: 16 })
  method: string;

  @PrimaryColumn({ name: 'status_class', type: 'varchar', length: 4 })
  statusClass: string;

  @Column({ type: 'integer' })
  count: number;

  /** Calls the BFF answered itself (refused, timed out, breaker open) plus upstream 4xx/5xx. */
  @Column({ name: 'error_count', type: 'integer' })
  errorCount: number;

  @Column({ name: 'latency_sum_ms', type: 'bigint' })
  latencySumMs: string;

  @Column({ name: 'latency_histogram', type: 'integer', array: true })
  latencyHistogram: number[];
}
