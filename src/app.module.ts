import { Module, type DynamicModule } from '@nestjs/common';
import { APP_FILTER } from '@nestjs/core';
import type { AppConfig } from './config/app-config.js';
import { BootResources } from './bootstrap/boot-resources.js';
import { ConfigModule } from './config/config.module.js';
import { DatabaseModule } from './database/database.module.js';
import { ProblemFilter } from './common/errors/problem.filter.js';
import { HealthModule } from './health/health.module.js';
import { LoggingModule } from './logging/logging.module.js';
import { RedisModule } from './redis/redis.module.js';
import { AuditModule } from './audit/audit.module.js';
import { SessionsModule } from './sessions/sessions.module.js';
import { ProvidersModule } from './providers/providers.module.js';
import { AuthModule } from './auth/auth.module.js';
import { RelayModule } from './relay/relay.module.js';
import { ClientsModule } from './clients/clients.module.js';
import { UsageModule } from './usage/usage.module.js';
import { TelemetryModule } from './telemetry/telemetry.module.js';
import { RateLimitModule } from './rate-limit/rate-limit.module.js';

/** The whole service, built from a config validated before Nest starts. */
@Module({})
export class AppModule {
  static forRoot(config: AppConfig, resources = new BootResources()): DynamicModule {
    return {
      module: AppModule,
      imports: [
        ConfigModule.forRoot(config, resources),
        LoggingModule,
        DatabaseModule.forRoot(config, resources),
        RedisModule,
        RateLimitModule,
        AuditModule,
        HealthModule,
        SessionsModule,
        ProvidersModule,
        AuthModule,
        RelayModule,
        ClientsModule,
        UsageModule,
        TelemetryModule,
      ],
      providers: [{ provide: APP_FILTER, useClass: ProblemFilter }],
    };
  }
}
