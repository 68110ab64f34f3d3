import { Module } from '@nestjs/common';
import { LocalUsageController } from './local/local-usage.controller.js';
import { LocalUsageService } from './local/local-usage.service.js';

/**
 * `/v1/usage/...`: the BFF's own metering read side (`/v1/usage/local`). The
 * metering write side (MeteringModule) is imported by the relay, whose seam it binds.
 * Docs: docs/usage.md.
 */
@Module({
  controllers: [LocalUsageController],
  providers: [LocalUsageService],
})
export class UsageModule {}
