import { Body, Controller, HttpCode, Inject, Param, Post } from '@nestjs/common';
import { ApiForbiddenResponse, ApiNotFoundResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { Roles } from '../../sessions/roles.decorator.js';
import { validBody } from '../grants/body-validation.pipe.js';
import { AppTokenService } from './app-token.service.js';
import { ClientCredentialsRequestDto, ClientCredentialsResponseDto } from './dto/client-credentials.dto.js';

@ApiTags('auth')
@Controller('v1/auth')
export class ClientCredentialsController {
  constructor(@Inject(AppTokenService) private readonly appTokens: AppTokenService) {}

  /**
   * Ops only, not a login: obtains (or reads from the cache) the BFF's own
   * client-credentials token for this provider to confirm the configuration works.
   * Shows scope and expiry, never the token.
   */
  @Post(':provider/client-credentials')
  @Roles('ops')
  @HttpCode(200)
  @ApiOkResponse({ type: ClientCredentialsResponseDto })
  @ApiForbiddenResponse({ description: '`forbidden` without the ops role; `csrf_rejected` for cookie requests without X-CSRF' })
  @ApiNotFoundResponse({ description: '`provider_not_found`, or `grant_not_enabled` for this provider' })
  async clientCredentialsCheck(@Param('provider') provider: string, @Body(validBody) body: ClientCredentialsRequestDto): Promise<ClientCredentialsResponseDto> {
    const token = await this.appTokens.get(provider, body.scopes);
    return { provider, scopes: token.scopes, expiresAt: token.expiresAt.toISOString() };
  }
}
