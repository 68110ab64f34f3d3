import { Controller, Get, HttpCode, Inject, Param, Post, Query, Req, Res } from '@nestjs/common';
import { ApiConflictResponse, ApiFoundResponse, ApiOkResponse, ApiQuery, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { Public } from '../../sessions/public.decorator.js';
import { SessionCookie } from '../../sessions/session-cookie.js';
import { readSessionCredential, type AuthenticatedRequest } from '../../sessions/session-request.js';
import { requestFacts } from '../login/request-facts.js';
import { RpLogoutService } from './rp-logout.service.js';

export class UpstreamLogoutDto {
  /** Send the browser here (a top-level navigation) to end the session at the provider; it comes back to `returnTo`. */
  endSessionUrl: string;
}

@ApiTags('auth')
@Controller('v1/auth')
export class RpLogoutController {
  constructor(
    @Inject(RpLogoutService) private readonly logouts: RpLogoutService,
    @Inject(SessionCookie) private readonly cookie: SessionCookie,
  ) {}

  /**
   * RP-initiated logout: ends this session like `POST /v1/auth/logout`, then answers the
   * provider's end-session URL (with `id_token_hint`) for the app to navigate to. The
   * provider redirects back to `/v1/auth/{provider}/logout/return`, which lands on `returnTo`.
   */
  @Post(':provider/logout')
  @HttpCode(200)
  @ApiQuery({ name: 'returnTo', required: false, description: 'Same-origin path or a URL on a configured app origin; anything else becomes /.' })
  @ApiOkResponse({ type: UpstreamLogoutDto, description: 'Logged out here; the cookie is cleared. Navigate to endSessionUrl to log out at the provider.' })
  @ApiConflictResponse({ description: 'The provider does not support RP-initiated logout (upstream_not_supported)' })
  async upstreamLogout(
    @Param('provider') provider: string,
    @Req() req: AuthenticatedRequest,
    @Res({ passthrough: true }) res: Response,
    @Query('returnTo') returnTo?: string,
  ): Promise<UpstreamLogoutDto> {
    const credential = readSessionCredential(req, this.cookie)!;
    const endSessionUrl = await this.logouts.logout(provider, req.auth!.session, credential.token, returnTo, requestFacts(req));
    this.cookie.clearSessionCookie(res);
    res.setHeader('Clear-Site-Data', '"cookies"');
    return { endSessionUrl };
  }

  /** The provider's post-logout redirect: back to the `returnTo` given at logout (`/` for an unknown or used state). */
  @Get(':provider/logout/return')
  @Public()
  @ApiQuery({ name: 'state', required: false })
  @ApiFoundResponse({ description: 'Redirect to the app' })
  async logoutReturn(@Param('provider') provider: string, @Query('state') state: unknown, @Res() res: Response): Promise<void> {
    res.redirect(302, await this.logouts.returnFromProvider(provider, state));
  }
}
