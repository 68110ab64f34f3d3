import { Module } from '@nestjs/common';
import { HealthModule } from '../health/health.module.js';
import { TokensModule } from '../tokens/tokens.module.js';
import { MeteringModule } from '../usage/metering/metering.module.js';
import { RelayController } from './relay.controller.js';
import { RelayMetrics } from './relay-metrics.js';
import { RelayUpstream } from './relay-upstream.js';
import { RelayService } from './relay.service.js';

/**
 * `/v1/api/{provider}/...`: relayed provider API calls. Tokens come from TokensModule's
 * AccessTokenProvider; the provider registry is global. RelayMeter, the metering
 * seam, is bound by the usage module's MeteringModule.
 */
@Module({
  imports: [TokensModule, HealthModule, MeteringModule],
  controllers: [RelayController],
  providers: [RelayService, RelayUpstream, RelayMetrics],
})
export class RelayModule {}
