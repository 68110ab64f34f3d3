import { Inject, Injectable } from '@nestjs/common';
import { Histogram } from 'prom-client';
import { MetricsService } from '../health/metrics.service.js';

/**
 * `relay_request_duration_seconds{provider,status_class}`: every relayed call, from
 * arrival to the last byte (or the problem answer). Labels stay bounded: configured
 * provider ids only and `2xx`..`5xx`, never paths.
 */
@Injectable()
export class RelayMetrics {
  private readonly duration: Histogram<'provider' | 'status_class'>;

  constructor(@Inject(MetricsService) metrics: MetricsService) {
    this.duration = new Histogram({
      name: 'relay_request_duration_seconds',
      help: 'Relayed API calls by provider and status class, including upstream time',
      labelNames: ['provider', 'status_class'] as const,
      buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30],
      registers: [metrics.registry],
    });
  }

  observe(provider: string, status: number, seconds: number): void {
    this.duration.observe({ provider, status_class: `${Math.floor(status / 100)}xx` }, seconds);
  }
}
