import { Controller, Get, Inject, Param, Req } from '@nestjs/common';
import { ApiConflictResponse, ApiHeader, ApiNotFoundResponse, ApiOkResponse, ApiTags, ApiUnauthorizedResponse } from '@nestjs/swagger';
import { RETURN_TO_HEADER_DOC } from '../../common/http/return-to-header.js';
import type { AuthenticatedRequest } from '../../sessions/session-request.js';
import { TokenInfoDto } from './dto/token-info.dto.js';
import { TokenInfoService } from './token-info.service.js';

@ApiTags('auth')
@Controller('v1/auth')
export class TokenInfoController {
  constructor(@Inject(TokenInfoService) private readonly tokenInfos: TokenInfoService) {}

  /** The provider's own view of the current user's linked token (scopes, expiry, whose); never the token itself. */
  @Get(':provider/token-info')
  @ApiOkResponse({ type: TokenInfoDto })
  @ApiNotFoundResponse({ description: '`provider_not_found` (problem+json)' })
  @ApiHeader(RETURN_TO_HEADER_DOC)
  @ApiUnauthorizedResponse({ description: '`unauthenticated`, or `reauth_required` with `loginUrl` (problem+json)' })
  @ApiConflictResponse({ description: '`token_info_not_supported` for this provider, or `provider_not_linked` with `loginUrl` (problem+json)' })
  async tokenInfo(@Param('provider') provider: string, @Req() req: AuthenticatedRequest): Promise<TokenInfoDto> {
    return this.tokenInfos.forUser(req.auth!.session.userId, provider);
  }
}
