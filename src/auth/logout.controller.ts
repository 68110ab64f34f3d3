import { Controller, HttpCode, Inject, Post, Query, Req, Res } from '@nestjs/common';
import { ApiNoContentResponse, ApiQuery, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { AcceptsEndedSession } from '../sessions/accepts-ended-session.decorator.js';
import { SessionCookie } from '../sessions/session-cookie.js';
import { readSessionCredential, type AuthenticatedRequest } from '../sessions/session-request.js';
import { requestFacts } from './login/request-facts.js';
import { LogoutService } from './logout.service.js';

@ApiTags('auth')
@Controller('v1/auth')
export class LogoutController {
  constructor(
    @Inject(LogoutService) private readonly logouts: LogoutService,
    @Inject(SessionCookie) private readonly cookie: SessionCookie,
  ) {}

  /**
   * Ends this session (or, with `everywhere=true`, all of the user's sessions),
   * revokes upstream tokens where the provider can, and clears the cookie. A session a
   * provider's refused refresh already ended logs out too (only what is left of it goes).
   */
  @Post('logout')
  @HttpCode(204)
  @AcceptsEndedSession()
  @ApiQuery({ name: 'everywhere', required: false, enum: ['true', 'false'] })
  @ApiNoContentResponse({ description: 'Logged out; the cookie is cleared and Clear-Site-Data asks the browser to drop cookies.' })
  async logout(@Req() req: AuthenticatedRequest, @Res({ passthrough: true }) res: Response, @Query('everywhere') everywhere?: string): Promise<void> {
    const credential = readSessionCredential(req, this.cookie)!;
    if (req.auth) await this.logouts.logout(req.auth.session, credential.token, everywhere === 'true', requestFacts(req));
    else await this.logouts.forgetEnded(credential.token);
    this.cookie.clearSessionCookie(res);
    res.setHeader('Clear-Site-Data', '"cookies"');
  }
}
