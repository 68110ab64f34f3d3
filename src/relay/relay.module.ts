import { Module } from '@nestjs/common';
import { HealthModule } from '../health/health.module.js';
import { SessionsModule } from '../sessions/sessions.module.js';
import { TokensModule } from '../tokens/tokens.module.js';
import { MeteringModule } from '../usage/metering/metering.module.js';
import { RelayController } from './relay.controller.js';
import { RelayEdge } from './relay-edge.js';
import { RelayMetrics } from './relay-metrics.js';
import { RelayRateLimit, SessionRelayRateLimit } from './relay-rate-limit.js';
import { RelayUpstream } from './relay-upstream.js';
import { RelayService } from './relay.service.js';

/**
 * `/v1/api/{provider}/...`: relayed provider API calls. Tokens come from TokensModule's
 * AccessTokenProvider; the provider registry is global. RelayMeter, the metering
 * seam, is bound by the usage module's MeteringModule; RelayRateLimit applies the
 * per-session relay limit (RATE_LIMIT_RELAY) through the global RateLimits service.
 * RelayEdge serves the route ahead of Express (installEdgeHandler, called by createApp).
 */
@Module({
  imports: [TokensModule, HealthModule, SessionsModule, MeteringModule],
  controllers: [RelayController],
  providers: [RelayService, RelayUpstream, RelayMetrics, RelayEdge, { provide: RelayRateLimit, useClass: SessionRelayRateLimit }],
  exports: [RelayRateLimit],
})
export class RelayModule {}
