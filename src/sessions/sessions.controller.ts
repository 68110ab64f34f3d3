import { Controller, Delete, Get, HttpCode, Inject, Param, Req, Res } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiBearerAuth,
  ApiCookieAuth,
  ApiForbiddenResponse,
  ApiNoContentResponse,
  ApiNotFoundResponse,
  ApiParam,
  ApiTags,
  ApiUnauthorizedResponse,
} from '@nestjs/swagger';
import type { Response } from 'express';
import { RateLimited } from '../rate-limit/rate-limited.decorator.js';
import { SessionAudit } from './session-audit.js';
import { SessionCookie } from './session-cookie.js';
import { SessionNotFoundError } from './session-errors.js';
import type { AuthenticatedRequest } from './session-request.js';
import { SESSION_BEARER_SCHEME, SESSION_COOKIE_SCHEME } from './session-openapi.js';
import { RevokedCountDto, SessionListDto, toSessionDto } from './session.dto.js';
import { SessionService } from './session.service.js';
import type { AuthenticatedRequestContext } from './session.types.js';
import { uuidParam } from './uuid-param.pipe.js';

// Guards guarantee `auth` on these routes; this keeps the handlers free of non-null assertions.
function authOf(req: AuthenticatedRequest): AuthenticatedRequestContext {
  if (!req.auth) throw new Error('SessionGuard did not run');
  return req.auth;
}

/** The caller's own sessions. */
@ApiTags('sessions')
@ApiCookieAuth(SESSION_COOKIE_SCHEME)
@ApiBearerAuth(SESSION_BEARER_SCHEME)
@ApiUnauthorizedResponse({ description: 'No valid session (`unauthenticated`).' })
@RateLimited('management')
@Controller('v1/sessions')
export class SessionsController {
  constructor(
    @Inject(SessionService) private readonly sessions: SessionService,
    @Inject(SessionAudit) private readonly audit: SessionAudit,
    @Inject(SessionCookie) private readonly cookie: SessionCookie,
  ) {}

  /** Lists my live sessions, newest first; `current` marks the one making this request. */
  @Get()
  async listMySessions(@Req() req: AuthenticatedRequest): Promise<SessionListDto> {
    const { session } = authOf(req);
    const records = await this.sessions.list(session.userId);
    await this.audit.record(req, { action: 'session_list', targetType: 'user', targetId: session.userId, outcome: 'success', details: { count: records.length } });
    return { sessions: records.map((record) => toSessionDto(record, session.id)) };
  }

  /** Ends one of my sessions. Ending the current one also clears the cookie (like logout, without upstream revocation). */
  @Delete(':id')
  @HttpCode(204)
  @ApiParam({ name: 'id', description: 'Session id (from GET /v1/sessions)', format: 'uuid' })
  @ApiNoContentResponse({ description: 'The session has ended.' })
  @ApiBadRequestResponse({ description: '`id` is not a UUID (`validation_failed`).' })
  @ApiNotFoundResponse({ description: 'No such session among mine (`session_not_found`).' })
  @ApiForbiddenResponse({ description: 'Cookie request without `X-CSRF: 1` or from a foreign Origin (`csrf_rejected`).' })
  async revokeMySession(@Param('id', uuidParam('id')) id: string, @Req() req: AuthenticatedRequest, @Res({ passthrough: true }) res: Response): Promise<void> {
    const auth = authOf(req);
    const revoked = await this.sessions.revoke(auth.session.userId, id);
    await this.audit.record(req, { action: 'session_revoke', targetType: 'session', targetId: id, outcome: revoked ? 'success' : 'failure' });
    if (!revoked) throw new SessionNotFoundError();
    if (id === auth.session.id && auth.via === 'cookie') this.cookie.clearSessionCookie(res);
  }

  /** Ends all my sessions except the current one. */
  @Delete()
  @ApiForbiddenResponse({ description: 'Cookie request without `X-CSRF: 1` or from a foreign Origin (`csrf_rejected`).' })
  async revokeMyOtherSessions(@Req() req: AuthenticatedRequest): Promise<RevokedCountDto> {
    const { session } = authOf(req);
    const revoked = await this.sessions.revokeAll(session.userId, { exceptSessionId: session.id });
    await this.audit.record(req, { action: 'session_revoke_all', targetType: 'user', targetId: session.userId, outcome: 'success', details: { revoked, keptCurrent: true } });
    return { revoked };
  }
}
