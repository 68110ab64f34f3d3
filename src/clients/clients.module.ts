import { Module } from '@nestjs/common';
import { AuthModule } from '../auth/auth.module.js';
import { TokensModule } from '../tokens/tokens.module.js';
import { ManagementAuthorityService } from './authority/management-authority.service.js';

/**
 * OAuth client-application management at the providers that have an API for it
 * (docs/clients.md). Exports the management authority, which the usage module
 * reuses for its own upstream management calls.
 */
@Module({
  imports: [TokensModule, AuthModule],
  providers: [ManagementAuthorityService],
  exports: [ManagementAuthorityService],
})
export class ClientsModule {}
