import { Inject, Injectable } from '@nestjs/common';
import { Counter, Gauge } from 'prom-client';
import { MetricsService } from '../../health/metrics.service.js';
import type { DailyRow } from './usage-rollup.js';

export type DropReason = 'buffer_full' | 'database_unavailable';

/**
 * Prometheus side of metering, beside the table: calls by provider, route template
 * and status class (labels stay bounded: configured providers, allowlist templates,
 * five classes), events written, and events dropped by reason.
 */
@Injectable()
export class UsageMetrics {
  private readonly calls: Counter<'provider' | 'route' | 'status_class'>;
  // Label children by provider, route and class: prom-client hashes the labels on every labelled inc().
  private readonly callsByLabels = new Map<string, Counter.Internal>();
  private readonly written: Counter;
  private readonly droppedByReason: Record<DropReason, Counter.Internal>;

  constructor(@Inject(MetricsService) metrics: MetricsService) {
    const registers = [metrics.registry];
    this.calls = new Counter({ name: 'usage_relay_calls_total', help: 'Relayed calls metered, by provider, route template and status class', labelNames: ['provider', 'route', 'status_class'] as const, registers });
    this.written = new Counter({ name: 'usage_events_written_total', help: 'Relayed calls written to Postgres (counted in usage_events rows)', registers });
    const dropped = new Counter({ name: 'usage_events_dropped_total', help: 'Usage events lost: buffer full, or Postgres unavailable at flush time', labelNames: ['reason'] as const, registers });
    // Label children resolved once, so counting a drop on the hot path is a plain increment.
    this.droppedByReason = { buffer_full: dropped.labels('buffer_full'), database_unavailable: dropped.labels('database_unavailable') };
  }

  /** A gauge of the events waiting in memory, read at scrape time. */
  watchBuffer(metrics: MetricsService, size: () => number): void {
    new Gauge({ name: 'usage_buffer_events', help: 'Usage events waiting in memory for a flush', registers: [metrics.registry], collect() { this.set(size()); } });
  }

  /** Counts a batch's calls from its roll-up rows: one increment per row, not per call. */
  counted(rows: readonly DailyRow[]): void {
    for (const row of rows) {
      const key = `${row.provider}\n${row.route}\n${row.statusClass}`;
      let child = this.callsByLabels.get(key);
      if (!child) {
        child = this.calls.labels({ provider: row.provider, route: row.route, status_class: row.statusClass });
        this.callsByLabels.set(key, child);
      }
      child.inc(row.count);
    }
  }

  wrote(count: number): void {
    this.written.inc(count);
  }

  dropped(reason: DropReason, count = 1): void {
    this.droppedByReason[reason].inc(count);
  }
}
