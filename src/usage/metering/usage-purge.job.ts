import { Inject, Injectable, Logger, type OnModuleDestroy, type OnModuleInit } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { APP_CONFIG, type AppConfig } from '../../config/app-config.js';
import { KvStore } from '../../redis/kv-store.port.js';

const LOCK_NAME = 'usage:purge';
// Longer than any purge should take; if an instance dies holding it, the next run after this takes over.
const LOCK_TTL_MS = 10 * 60_000;

export type PurgeResult = { ran: false } | { ran: true; events: number; daily: number };

/**
 * Retention: every USAGE_PURGE_INTERVAL_MS, one instance of the fleet (whoever gets
 * the Redis lock) deletes events older than USAGE_RETENTION_DAYS and roll-up rows
 * older than USAGE_DAILY_RETENTION_DAYS. The others skip that round.
 */
@Injectable()
export class UsagePurgeJob implements OnModuleInit, OnModuleDestroy {
  private readonly logger = new Logger('UsagePurgeJob');
  private readonly settings: AppConfig['usage']['metering'];
  private timer?: NodeJS.Timeout;

  constructor(
    @Inject(APP_CONFIG) config: AppConfig,
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(KvStore) private readonly kv: KvStore,
  ) {
    this.settings = config.usage.metering;
  }

  onModuleInit(): void {
    if (!this.settings.enabled) return;
    this.timer = setInterval(() => {
      this.purge().catch((error: Error) => this.logger.warn({ err: error.message }, 'usage retention purge failed; the next round retries'));
    }, this.settings.purgeIntervalMs);
    this.timer.unref();
  }

  onModuleDestroy(): void {
    clearInterval(this.timer);
  }

  async purge(now = new Date()): Promise<PurgeResult> {
    const lock = await this.kv.acquireLock(LOCK_NAME, LOCK_TTL_MS);
    if (!lock) return { ran: false };
    try {
      const eventsBefore = new Date(now.getTime() - this.settings.retentionDays * 86_400_000);
      const dailyBefore = new Date(now.getTime() - this.settings.dailyRetentionDays * 86_400_000).toISOString().slice(0, 10);
      const [, events] = (await this.dataSource.query('DELETE FROM usage_events WHERE occurred_at < $1', [eventsBefore])) as [unknown, number];
      const [, daily] = (await this.dataSource.query('DELETE FROM usage_daily WHERE day < $1', [dailyBefore])) as [unknown, number];
      if (events + daily > 0) this.logger.log({ events, daily }, 'usage retention purge');
      return { ran: true, events, daily };
    } finally {
      await this.kv.releaseLock(LOCK_NAME, lock).catch(() => false);
    }
  }
}
