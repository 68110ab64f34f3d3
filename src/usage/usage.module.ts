import { Module } from '@nestjs/common';
import { ClientsModule } from '../clients/clients.module.js';
import { LocalUsageController } from './local/local-usage.controller.js';
import { LocalUsageService } from './local/local-usage.service.js';
import { UpstreamUsageController } from './upstream/upstream-usage.controller.js';
import { UpstreamUsageService } from './upstream/upstream-usage.service.js';
import { UsageQueryStore } from './upstream/usage-query.store.js';

/**
 * `/v1/usage/...`: upstream OAuth-client usage queries (through the clients module's
 * management authority) and the read side of the BFF's own metering
 * (`/v1/usage/local`). The metering write side (MeteringModule) is imported by the
 * relay, whose seam it binds. Docs: docs/usage.md.
 */
@Module({
  imports: [ClientsModule],
  controllers: [LocalUsageController, UpstreamUsageController],
  providers: [LocalUsageService, UpstreamUsageService, UsageQueryStore],
})
export class UsageModule {}
