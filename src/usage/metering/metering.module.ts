import { Module } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '../../config/app-config.js';
import { HealthModule } from '../../health/health.module.js';
import { NoopRelayMeter, RelayMeter } from '../../relay/relay-meter.js';
import { UsageMeter } from './usage-meter.js';
import { UsageMetrics } from './usage-metrics.js';
import { UsagePurgeJob } from './usage-purge.job.js';
import { UsageWriter } from './usage-writer.js';

/**
 * Metering of relayed calls: binds the relay's RelayMeter seam to UsageMeter, or to
 * the no-op when USAGE_METERING_ENABLED=false (the bench's "metering off" row).
 */
@Module({
  imports: [HealthModule],
  providers: [
    UsageWriter,
    UsageMetrics,
    UsageMeter,
    UsagePurgeJob,
    {
      provide: RelayMeter,
      inject: [APP_CONFIG, UsageMeter],
      useFactory: (config: AppConfig, meter: UsageMeter) => (config.usage.metering.enabled ? meter : new NoopRelayMeter()),
    },
  ],
  exports: [RelayMeter],
})
export class MeteringModule {}
