import { Column, Entity, Index, PrimaryColumn, PrimaryGeneratedColumn } from 'typeorm';

/**
 * The relayed calls that finished in one UTC second (`occurred_at`, truncated) with the
 * same provider, user, session kind, route template, method, status and outcome
 * (docs/usage.md, usage-per-second.ts): their count and their latency and byte totals.
 * Append-only, written in batches by the metering flush; two flushes (or two
 * instances) may each write a row for the same second and key, so readers sum
 * `calls`. The primary key leads with `occurred_at` so the table can become a
 * declarative partitioned table (by day) without a key change, and the retention
 * purge is a range delete on that key.
 */
@Entity({ name: 'usage_events' })
@Index('idx_usage_events_user_time', ['userId', 'occurredAt'])
@Index('idx_usage_events_provider_time', ['provider', 'occurredAt'])
export class UsageEventEntity {
  @PrimaryColumn({ name: 'occurred_at', type: 'timestamptz' })
  occurredAt: Date;

  @PrimaryGeneratedColumn({ type: 'bigint' })
  id: string;

  @Column({ type: 'varchar', length: 64 })
  provider: string;

  @Column({ name: 'user_id', type: 'uuid', nullable: true })
  userId: string | null;

  @Column({ name: 'session_kind', type: 'varchar', length: 16 })
  sessionKind: string;

  @Column({ name: 'route_template', type: 'varchar', length: 512 })
  routeTemplate: string;

  @Column({ type: 'varchar', length: 16 })
  method: string;

  @Column({ type: 'smallint' })
  status: number;

  /** `2xx`..`5xx`, with 429 on its own (as the upstream usage results count it). */
  @Column({ name: 'status_class', type: 'varchar', length: 4 })
  statusClass: string;

  @Column({ type: 'varchar', length: 16 })
  outcome: string;

  /** How many calls this row counts (at least 1; rows from before per-second rows count 1). */
  @Column({ type: 'integer', default: 1 })
  calls: number;

  /** The slowest of the row's calls (ms); for a row of one call, its duration. */
  @Column({ name: 'duration_ms', type: 'integer' })
  durationMs: number;

  /** All the row's calls together (ms); NULL on rows from before per-second rows (read `duration_ms` there). */
  @Column({ name: 'duration_ms_sum', type: 'bigint', nullable: true })
  durationMsSum: string | null;

  /** Request bytes of all the row's calls. */
  @Column({ name: 'bytes_in', type: 'bigint' })
  bytesIn: string;

  /** Response bytes of all the row's calls. */
  @Column({ name: 'bytes_out', type: 'bigint' })
  bytesOut: string;
}
