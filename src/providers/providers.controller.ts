import { Controller, Get, Header, Inject } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { Public } from '../sessions/public.decorator.js';
import { ProviderRegistry } from './provider-registry.js';
import { ProviderSummaryDto } from './providers.dto.js';

@ApiTags('auth')
@Controller('v1/auth')
export class ProvidersController {
  constructor(@Inject(ProviderRegistry) private readonly registry: ProviderRegistry) {}

  /** The configured providers and what each can do: for login buttons. Never a client id or secret. */
  @Get('providers')
  @Public()
  @Header('Cache-Control', 'no-store')
  listProviders(): ProviderSummaryDto[] {
    return this.registry.list().map((adapter) => {
      const capabilities = adapter.capabilities;
      return {
        id: adapter.id,
        kind: adapter.kind,
        displayName: adapter.displayName,
        capabilities: { ...capabilities },
        loginUrl: `/v1/auth/${encodeURIComponent(adapter.id)}/login`,
        grants: { password: capabilities.passwordGrant, meeting: capabilities.meetingGrant, clientCredentials: capabilities.clientCredentials },
      };
    });
  }
}
