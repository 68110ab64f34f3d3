import { Module } from '@nestjs/common';
import { HealthModule } from '../health/health.module.js';
import { SessionsModule } from '../sessions/sessions.module.js';
import { TokensModule } from '../tokens/tokens.module.js';
import { RelayController } from './relay.controller.js';
import { RelayEdge } from './relay-edge.js';
import { NoopRelayMeter, RelayMeter } from './relay-meter.js';
import { RelayMetrics } from './relay-metrics.js';
import { RelayRateLimit, UnlimitedRelayRateLimit } from './relay-rate-limit.js';
import { RelayUpstream } from './relay-upstream.js';
import { RelayService } from './relay.service.js';

/**
 * `/v1/api/{provider}/...`: relayed provider API calls. Tokens come from TokensModule's
 * AccessTokenProvider; the provider registry is global. RelayMeter is the seam the
 * usage module replaces to meter relayed calls; RelayRateLimit the one where a
 * per-session rate limit plugs in. RelayEdge serves the route ahead of Express
 * (installRelayEdge, called by createApp).
 */
@Module({
  imports: [TokensModule, HealthModule, SessionsModule],
  controllers: [RelayController],
  providers: [
    RelayService,
    RelayUpstream,
    RelayMetrics,
    RelayEdge,
    { provide: RelayMeter, useClass: NoopRelayMeter },
    { provide: RelayRateLimit, useClass: UnlimitedRelayRateLimit },
  ],
  exports: [RelayMeter, RelayRateLimit],
})
export class RelayModule {}
