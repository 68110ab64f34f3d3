import { Controller, Delete, Get, Inject, Param, Req } from '@nestjs/common';
import { ApiBadRequestResponse, ApiBearerAuth, ApiCookieAuth, ApiForbiddenResponse, ApiParam, ApiTags, ApiUnauthorizedResponse } from '@nestjs/swagger';
import { RateLimited } from '../rate-limit/rate-limited.decorator.js';
import { Roles } from './roles.decorator.js';
import { SessionAudit } from './session-audit.js';
import type { AuthenticatedRequest } from './session-request.js';
import { SESSION_BEARER_SCHEME, SESSION_COOKIE_SCHEME } from './session-openapi.js';
import { RevokedCountDto, SessionListDto, toSessionDto } from './session.dto.js';
import { SessionService } from './session.service.js';
import { uuidParam } from './uuid-param.pipe.js';

/** Ops: another user's sessions. */
@ApiTags('admin')
@ApiCookieAuth(SESSION_COOKIE_SCHEME)
@ApiBearerAuth(SESSION_BEARER_SCHEME)
@ApiParam({ name: 'id', description: 'User id', format: 'uuid' })
@ApiBadRequestResponse({ description: '`id` is not a UUID (`validation_failed`).' })
@ApiUnauthorizedResponse({ description: 'No valid session (`unauthenticated`).' })
@ApiForbiddenResponse({ description: 'The session lacks the ops role (`forbidden`), or a CSRF check failed (`csrf_rejected`).' })
@Roles('ops')
@RateLimited('management')
@Controller('v1/admin/users/:id/sessions')
export class AdminSessionsController {
  constructor(
    @Inject(SessionService) private readonly sessions: SessionService,
    @Inject(SessionAudit) private readonly audit: SessionAudit,
  ) {}

  /** Lists a user's live sessions. */
  @Get()
  async listUserSessions(@Param('id', uuidParam('id')) userId: string, @Req() req: AuthenticatedRequest): Promise<SessionListDto> {
    const records = await this.sessions.list(userId);
    await this.audit.record(req, { action: 'admin_session_list', targetType: 'user', targetId: userId, outcome: 'success', details: { count: records.length } });
    return { sessions: records.map((record) => toSessionDto(record, req.auth?.session.id)) };
  }

  /** Ends every session of a user (the caller's own too, when they target themselves). */
  @Delete()
  async revokeUserSessions(@Param('id', uuidParam('id')) userId: string, @Req() req: AuthenticatedRequest): Promise<RevokedCountDto> {
    const revoked = await this.sessions.revokeAll(userId);
    await this.audit.record(req, { action: 'admin_session_revoke_all', targetType: 'user', targetId: userId, outcome: 'success', details: { revoked } });
    return { revoked };
  }
}
