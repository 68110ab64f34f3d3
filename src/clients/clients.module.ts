import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AuthModule } from '../auth/auth.module.js';
import { TokensModule } from '../tokens/tokens.module.js';
import { ManagementAuthorityService } from './authority/management-authority.service.js';
import { ClientsCache } from './cache/clients-cache.js';
import { ClientCatalogController } from './client-catalog.controller.js';
import { ClientCatalogService } from './client-catalog.service.js';
import { ClientsAudit } from './clients-audit.js';
import { ClientsController } from './clients.controller.js';
import { ClientsService } from './clients.service.js';
import { ClientApplicationEntity } from './registry/client-application.entity.js';
import { ClientRegistryService } from './registry/client-registry.service.js';

/**
 * OAuth client-application management at the providers that have an API for it
 * (docs/clients.md). Exports the management authority, which the usage module
 * reuses for its own upstream management calls.
 */
@Module({
  imports: [TypeOrmModule.forFeature([ClientApplicationEntity]), TokensModule, AuthModule],
  // The catalogue controller first: `scopes` and `authorizations` must not be read as client ids.
  controllers: [ClientCatalogController, ClientsController],
  providers: [ManagementAuthorityService, ClientsCache, ClientsAudit, ClientRegistryService, ClientsService, ClientCatalogService],
  exports: [ManagementAuthorityService],
})
export class ClientsModule {}
