import { Body, Controller, HttpCode, Inject, Param, Post, Req } from '@nestjs/common';
import { ApiBadRequestResponse, ApiBody, ApiConsumes, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import type { Request } from 'express';
import { InvalidLogoutTokenError } from '../../providers/adapters/generic/logout-token.js';
import { RateLimited } from '../../rate-limit/rate-limited.decorator.js';
import { ServerToServer } from '../../sessions/server-to-server.decorator.js';
import { requestFacts } from '../login/request-facts.js';
import { BackchannelLogoutService } from './backchannel-logout.service.js';

// Compact JWS: three base64url parts; anything else is refused before any key is fetched.
const COMPACT_JWT = /^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]*$/;
const MAX_TOKEN_LENGTH = 16_384;

@ApiTags('auth')
@Controller('v1/auth')
export class BackchannelLogoutController {
  constructor(@Inject(BackchannelLogoutService) private readonly logouts: BackchannelLogoutService) {}

  /**
   * OIDC Back-Channel Logout 1.0: the provider posts a signed `logout_token`; the sessions
   * that came from that provider session (`sid`) or account (`sub`) end on every instance.
   * Called by the provider's server, never a browser: no cookie or CSRF header is read.
   */
  @Post(':provider/backchannel-logout')
  @ServerToServer()
  // Per provider across the fleet, before any signature work: a flood of junk tokens costs one counter each.
  @RateLimited('backchannel-logout')
  @HttpCode(200)
  @ApiConsumes('application/x-www-form-urlencoded')
  @ApiBody({ schema: { type: 'object', required: ['logout_token'], properties: { logout_token: { type: 'string', description: 'The provider-signed logout token (JWT).' } } } })
  @ApiOkResponse({ description: 'The token was valid; matching sessions (if any) ended.' })
  @ApiBadRequestResponse({ description: 'Missing or unacceptable logout token (problem+json, code and error `invalid_request`).' })
  async backchannelLogout(@Param('provider') provider: string, @Body() body: unknown, @Req() req: Request): Promise<void> {
    const token = (body as Record<string, unknown> | undefined)?.logout_token;
    if (typeof token !== 'string' || token.length > MAX_TOKEN_LENGTH || !COMPACT_JWT.test(token)) {
      throw new InvalidLogoutTokenError('logout_token is missing or not a JWT');
    }
    await this.logouts.logout(provider, token, requestFacts(req));
  }
}
