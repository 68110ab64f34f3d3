import { Inject, Injectable, Logger, type BeforeApplicationShutdown, type OnModuleInit } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '../../config/app-config.js';
import { MetricsService } from '../../health/metrics.service.js';
import { RelayMeter, type RelayCallRecord } from '../../relay/relay-meter.js';
import { UsageBuffer } from './usage-buffer.js';
import { UsageMetrics } from './usage-metrics.js';
import { rollUp } from './usage-rollup.js';
import { UsageWriter } from './usage-writer.js';

// One warning a minute at most while Postgres is away: a flood of identical lines helps nobody.
const FAILURE_LOG_INTERVAL_MS = 60_000;

/**
 * The relay's meter: `record` only puts the call into a bounded ring (O(1), no
 * await, no I/O). A timer (every USAGE_FLUSH_INTERVAL_MS) or a full batch
 * (USAGE_FLUSH_BATCH_SIZE) starts a flush, one at a time, that writes batches with
 * one statement each. If Postgres is down the batch is dropped and counted:
 * the relay never waits for, or fails because of, metering. Shutdown flushes what
 * is left. Docs: docs/usage.md.
 */
@Injectable()
export class UsageMeter extends RelayMeter implements OnModuleInit, BeforeApplicationShutdown {
  private readonly logger = new Logger('UsageMeter');
  private readonly buffer: UsageBuffer;
  private readonly settings: AppConfig['usage']['metering'];
  private timer?: NodeJS.Timeout;
  private flushing?: Promise<void>;
  private flushQueued = false;
  private droppedSinceReport = 0;
  private lastReportAt = -Infinity;

  constructor(
    @Inject(APP_CONFIG) config: AppConfig,
    @Inject(UsageWriter) private readonly writer: UsageWriter,
    @Inject(UsageMetrics) private readonly metrics: UsageMetrics,
    @Inject(MetricsService) registry: MetricsService,
  ) {
    super();
    this.settings = config.usage.metering;
    this.buffer = new UsageBuffer(this.settings.bufferMaxEvents);
    metrics.watchBuffer(registry, () => this.buffer.size);
  }

  onModuleInit(): void {
    if (!this.settings.enabled) return;
    this.timer = setInterval(() => void this.flush(), this.settings.flushIntervalMs);
    this.timer.unref();
  }

  record(call: RelayCallRecord): void {
    if (!this.buffer.push(call, Date.now())) {
      this.metrics.dropped('buffer_full');
      return;
    }
    if (this.buffer.size >= this.settings.flushBatchSize && !this.flushQueued) {
      this.flushQueued = true;
      setImmediate(() => {
        this.flushQueued = false;
        void this.flush();
      });
    }
  }

  /** Writes what is buffered now; a flush already running is joined, not doubled. */
  flush(): Promise<void> {
    this.flushing ??= this.drain().finally(() => (this.flushing = undefined));
    return this.flushing;
  }

  async beforeApplicationShutdown(): Promise<void> {
    clearInterval(this.timer);
    // The first call may only join a flush that started before the last calls arrived.
    await this.flush();
    await this.flush();
  }

  /** Drains the calls present when it starts (not forever under load), a batch per statement. */
  private async drain(): Promise<void> {
    let budget = this.buffer.size;
    while (budget > 0) {
      const batch = this.buffer.take(Math.min(this.settings.flushBatchSize, budget));
      if (batch.length === 0) return;
      budget -= batch.length;
      const rows = rollUp(batch);
      this.metrics.counted(rows);
      try {
        await this.writer.write(batch, rows);
        this.metrics.wrote(batch.length);
      } catch (error) {
        // Postgres is away: drop this batch and the rest of this round rather than wait out a connect timeout per batch.
        const rest = this.buffer.take(budget);
        this.metrics.counted(rollUp(rest));
        this.dropOnFailure(batch.length + rest.length, error);
        return;
      }
    }
  }

  private dropOnFailure(count: number, error: unknown): void {
    this.metrics.dropped('database_unavailable', count);
    this.droppedSinceReport += count;
    const now = Date.now();
    if (now - this.lastReportAt < FAILURE_LOG_INTERVAL_MS) return;
    this.logger.warn({ dropped: this.droppedSinceReport, err: (error as Error).message }, 'usage events dropped: the database is unavailable');
    this.lastReportAt = now;
    this.droppedSinceReport = 0;
  }
}
