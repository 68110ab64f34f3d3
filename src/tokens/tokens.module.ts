import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { APP_CONFIG, type AppConfig } from '../config/app-config.js';
import { HealthModule } from '../health/health.module.js';
import { MetricsService } from '../health/metrics.service.js';
import { CircuitBreakers } from '../providers/circuit-breakers.js';
import { SessionsModule } from '../sessions/sessions.module.js';
import { AccessTokenProvider } from './access-token.provider.js';
import { KeyRing } from './key-ring.js';
import { LinkedAccountEntity } from './linked-account.entity.js';
import { LinkedAccountsService } from './linked-accounts.service.js';
import { RefreshMetrics } from './refresh/refresh-metrics.js';
import { REFRESH_SETTINGS, refreshSettingsFrom } from './refresh/refresh-settings.js';
import { TokenRefreshService } from './refresh/token-refresh.service.js';
import { TokenCipher } from './token-cipher.js';

/**
 * Linked accounts and their encrypted tokens. The key ring is built once at boot from
 * config (TOKEN_KEYS, or the generated key file in DATA_DIR for embedded dev runs).
 * TokenRefreshService (also as AccessTokenProvider) hands out valid access tokens;
 * it needs SessionService to end the sessions of a link whose refresh was refused
 * (SessionsModule depends on nothing of ours, so there is no cycle), and registers its
 * metrics in the app's MetricsService registry.
 */
@Module({
  imports: [TypeOrmModule.forFeature([LinkedAccountEntity]), SessionsModule, HealthModule],
  providers: [
    { provide: KeyRing, useFactory: (config: AppConfig) => KeyRing.fromConfig(config.tokens), inject: [APP_CONFIG] },
    TokenCipher,
    LinkedAccountsService,
    { provide: RefreshMetrics, useFactory: (metrics: MetricsService) => new RefreshMetrics(metrics.registry), inject: [MetricsService] },
    {
      provide: CircuitBreakers,
      useFactory: (config: AppConfig, metrics: RefreshMetrics) => new CircuitBreakers(config.breaker, (provider, state) => metrics.breakerState(provider, state)),
      inject: [APP_CONFIG, RefreshMetrics],
    },
    { provide: REFRESH_SETTINGS, useFactory: refreshSettingsFrom, inject: [APP_CONFIG] },
    TokenRefreshService,
    { provide: AccessTokenProvider, useExisting: TokenRefreshService },
  ],
  exports: [LinkedAccountsService, TokenCipher, KeyRing, TokenRefreshService, AccessTokenProvider, CircuitBreakers],
})
export class TokensModule {}
