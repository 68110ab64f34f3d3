import { Module } from '@nestjs/common';
import { HealthModule } from '../health/health.module.js';
import { TokensModule } from '../tokens/tokens.module.js';
import { RelayController } from './relay.controller.js';
import { NoopRelayMeter, RelayMeter } from './relay-meter.js';
import { RelayMetrics } from './relay-metrics.js';
import { RelayUpstream } from './relay-upstream.js';
import { RelayService } from './relay.service.js';

/**
 * `/v1/api/{provider}/...`: relayed provider API calls. Tokens come from TokensModule's
 * AccessTokenProvider; the provider registry is global. RelayMeter is the seam the
 * usage module replaces to meter relayed calls.
 */
@Module({
  imports: [TokensModule, HealthModule],
  controllers: [RelayController],
  providers: [RelayService, RelayUpstream, RelayMetrics, { provide: RelayMeter, useClass: NoopRelayMeter }],
  exports: [RelayMeter],
})
export class RelayModule {}
