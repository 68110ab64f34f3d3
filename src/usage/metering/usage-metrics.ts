import { Inject, Injectable } from '@nestjs/common';
import { Counter, Gauge } from 'prom-client';
import { MetricsService } from '../../health/metrics.service.js';
import type { BufferedCall } from './usage-buffer.js';
import { statusClassOf } from './usage-classify.js';

export type DropReason = 'buffer_full' | 'database_unavailable';

/**
 * Prometheus side of metering, beside the table: calls by provider, route template
 * and status class (labels stay bounded: configured providers, allowlist templates,
 * five classes), events written, and events dropped by reason.
 */
@Injectable()
export class UsageMetrics {
  private readonly calls: Counter<'provider' | 'route' | 'status_class'>;
  private readonly written: Counter;
  private readonly droppedByReason: Record<DropReason, Counter.Internal>;

  constructor(@Inject(MetricsService) metrics: MetricsService) {
    const registers = [metrics.registry];
    this.calls = new Counter({ name: 'usage_relay_calls_total', help: 'Relayed calls metered, by provider, route template and status class', labelNames: ['provider', 'route', 'status_class'] as const, registers });
    this.written = new Counter({ name: 'usage_events_written_total', help: 'Usage events written to Postgres', registers });
    const dropped = new Counter({ name: 'usage_events_dropped_total', help: 'Usage events lost: buffer full, or Postgres unavailable at flush time', labelNames: ['reason'] as const, registers });
    // Label children resolved once, so counting a drop on the hot path is a plain increment.
    this.droppedByReason = { buffer_full: dropped.labels('buffer_full'), database_unavailable: dropped.labels('database_unavailable') };
  }

  /** A gauge of the events waiting in memory, read at scrape time. */
  watchBuffer(metrics: MetricsService, size: () => number): void {
    new Gauge({ name: 'usage_buffer_events', help: 'Usage events waiting in memory for a flush', registers: [metrics.registry], collect() { this.set(size()); } });
  }

  counted(batch: BufferedCall[]): void {
    for (const { call } of batch) this.calls.inc({ provider: call.provider, route: call.route, status_class: statusClassOf(call.status) });
  }

  wrote(count: number): void {
    this.written.inc(count);
  }

  dropped(reason: DropReason, count = 1): void {
    this.droppedByReason[reason].inc(count);
  }
}
