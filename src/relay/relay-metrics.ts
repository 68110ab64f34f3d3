import { Inject, Injectable } from '@nestjs/common';
import { Counter, Histogram } from 'prom-client';
import { MetricsService } from '../health/metrics.service.js';
import type { UpstreamCallFailure } from './relay-upstream.js';

type DurationChild = ReturnType<Histogram<'provider' | 'status_class'>['labels']>;

/**
 * `relay_request_duration_seconds{provider,status_class}`: every relayed call, from
 * arrival to the last byte (or the problem answer). Labels stay bounded: configured
 * provider ids only and `2xx`..`5xx`, never paths. `relay_client_aborts_total{provider}`:
 * calls whose client went away before the answer was complete (recorded as 499).
 * `relay_upstream_failures_total{provider,failure}`: calls that got no answer from the
 * upstream (`timeout` / `unreachable`); every one is counted here while the log line
 * about them is aggregated (one per provider and failure kind per window).
 * Label children are cached, so the hot path does no label hashing.
 */
@Injectable()
export class RelayMetrics {
  private readonly duration: Histogram<'provider' | 'status_class'>;
  private readonly aborts: Counter<'provider'>;
  private readonly upstreamFailures: Counter<'provider' | 'failure'>;
  private readonly children = new Map<string, DurationChild>();

  constructor(@Inject(MetricsService) metrics: MetricsService) {
    this.duration = new Histogram({
      name: 'relay_request_duration_seconds',
      help: 'Relayed API calls by provider and status class, including upstream time',
      labelNames: ['provider', 'status_class'] as const,
      buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30],
      registers: [metrics.registry],
    });
    this.aborts = new Counter({
      name: 'relay_client_aborts_total',
      help: 'Relayed calls whose client disconnected before the answer was complete',
      labelNames: ['provider'] as const,
      registers: [metrics.registry],
    });
    this.upstreamFailures = new Counter({
      name: 'relay_upstream_failures_total',
      help: 'Relayed calls that got no answer from the upstream, by provider and failure kind',
      labelNames: ['provider', 'failure'] as const,
      registers: [metrics.registry],
    });
  }

  observe(provider: string, status: number, seconds: number): void {
    const statusClass = `${Math.floor(status / 100)}xx`;
    const key = `${provider}\u0000${statusClass}`;
    let child = this.children.get(key);
    if (!child) {
      child = this.duration.labels(provider, statusClass);
      this.children.set(key, child);
    }
    child.observe(seconds);
  }

  clientAborted(provider: string): void {
    this.aborts.inc({ provider });
  }

  upstreamFailed(provider: string, failure: UpstreamCallFailure): void {
    this.upstreamFailures.inc({ provider, failure });
  }
}
