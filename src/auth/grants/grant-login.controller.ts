import { Body, Controller, HttpCode, Inject, Param, Post, Req, Res } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiForbiddenResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiTags,
  ApiTooManyRequestsResponse,
  ApiUnauthorizedResponse,
} from '@nestjs/swagger';
import type { Response } from 'express';
import { APP_CONFIG, type AppConfig } from '../../config/app-config.js';
import { Public } from '../../sessions/public.decorator.js';
import { SessionCookie } from '../../sessions/session-cookie.js';
import type { AuthenticatedRequest } from '../../sessions/session-request.js';
import { SessionService } from '../../sessions/session.service.js';
import { requestFacts } from '../login/request-facts.js';
import { validBody } from './body-validation.pipe.js';
import { setCookieSession } from './cookie-login.js';
import { GrantLoginResponseDto, MeetingLoginRequestDto, PasswordLoginRequestDto } from './dto/grant-login.dto.js';
import { assertSameSiteLogin } from './login-csrf.js';
import { MeetingLoginService } from './meeting-login.service.js';
import { PasswordLoginService } from './password-login.service.js';
import { RateLimited } from '../../rate-limit/rate-limited.decorator.js';

/**
 * Legacy grants that end in a browser (cookie) session: BlueJeans meeting passcodes
 * and the password grant. Both are off unless the providers file enables them.
 */
@ApiTags('auth')
@Controller('v1/auth')
export class GrantLoginController {
  constructor(
    @Inject(PasswordLoginService) private readonly passwords: PasswordLoginService,
    @Inject(MeetingLoginService) private readonly meetings: MeetingLoginService,
    @Inject(SessionService) private readonly sessions: SessionService,
    @Inject(SessionCookie) private readonly cookie: SessionCookie,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /**
   * Signs in with the provider's password grant (legacy; RFC 9700 forbids it for new
   * designs). Sets the session cookie. Requires `X-CSRF: 1` and an allowed `Origin`.
   */
  @Post(':provider/password')
  @Public()
  @RateLimited('grants')
  @HttpCode(200)
  @ApiOkResponse({ type: GrantLoginResponseDto, description: 'Signed in; the session cookie is set.' })
  @ApiBadRequestResponse({ description: '`validation_failed` (problem+json)' })
  @ApiUnauthorizedResponse({ description: '`invalid_credentials`: one message for every refusal' })
  @ApiForbiddenResponse({ description: '`csrf_rejected`: missing X-CSRF header or foreign Origin' })
  @ApiNotFoundResponse({ description: '`provider_not_found`, or `grant_not_enabled` for this provider' })
  @ApiTooManyRequestsResponse({ description: '`too_many_requests` with Retry-After: over the `grants` limit per client IP (RATE_LIMIT_GRANTS), or too many attempts from this IP or for this username (PASSWORD_GRANT_*)' })
  async passwordLogin(
    @Param('provider') provider: string,
    @Body(validBody) body: PasswordLoginRequestDto,
    @Req() req: AuthenticatedRequest,
    @Res({ passthrough: true }) res: Response,
  ): Promise<GrantLoginResponseDto> {
    assertSameSiteLogin(req, this.config.sessions.appOrigins);
    const issued = await this.passwords.login(provider, body.username, body.password, requestFacts(req));
    await setCookieSession(req, res, issued, { cookie: this.cookie, sessions: this.sessions });
    return { sessionId: issued.session.id, provider, expiresAt: new Date(issued.session.absoluteExpiresAt).toISOString() };
  }

  /**
   * Joins a BlueJeans meeting with its id and passcode: a session scoped to the
   * meeting (moderator or attendee, shown in `/v1/auth/me` as `session.context.meeting`)
   * that ends when the meeting token does. Sets the session cookie. Requires
   * `X-CSRF: 1` and an allowed `Origin`.
   */
  @Post(':provider/meeting')
  @Public()
  @RateLimited('grants')
  @HttpCode(200)
  @ApiOkResponse({ type: GrantLoginResponseDto, description: 'Joined; the session cookie is set.' })
  @ApiBadRequestResponse({ description: '`validation_failed` (problem+json)' })
  @ApiUnauthorizedResponse({ description: '`invalid_meeting_passcode`: unknown meeting or wrong passcode' })
  @ApiForbiddenResponse({ description: '`csrf_rejected`: missing X-CSRF header or foreign Origin' })
  @ApiNotFoundResponse({ description: '`provider_not_found`, or `grant_not_enabled` for this provider' })
  async meetingLogin(
    @Param('provider') provider: string,
    @Body(validBody) body: MeetingLoginRequestDto,
    @Req() req: AuthenticatedRequest,
    @Res({ passthrough: true }) res: Response,
  ): Promise<GrantLoginResponseDto> {
    assertSameSiteLogin(req, this.config.sessions.appOrigins);
    const issued = await this.meetings.login(provider, body.meetingId, body.passcode, requestFacts(req));
    await setCookieSession(req, res, issued, { cookie: this.cookie, sessions: this.sessions });
    return { sessionId: issued.session.id, provider, expiresAt: new Date(issued.session.absoluteExpiresAt).toISOString(), meeting: issued.meeting };
  }
}
