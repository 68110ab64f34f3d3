import { Controller, Get, Inject, Query } from '@nestjs/common';
import { ApiBadRequestResponse, ApiBearerAuth, ApiCookieAuth, ApiForbiddenResponse, ApiOkResponse, ApiTags, ApiUnauthorizedResponse } from '@nestjs/swagger';
import { validBody } from '../auth/grants/body-validation.pipe.js';
import { Roles } from '../sessions/roles.decorator.js';
import { SESSION_BEARER_SCHEME, SESSION_COOKIE_SCHEME } from '../sessions/session-openapi.js';
import { AuditPageDto, AuditQueryDto } from './audit-query.dto.js';
import { AuditQueryService } from './audit-query.service.js';
import { RateLimited } from '../rate-limit/rate-limited.decorator.js';

/** Ops: the audit trail. */
@ApiTags('admin')
@ApiCookieAuth(SESSION_COOKIE_SCHEME)
@ApiBearerAuth(SESSION_BEARER_SCHEME)
@ApiBadRequestResponse({ description: 'A filter or the cursor is malformed (`validation_failed`).' })
@ApiUnauthorizedResponse({ description: 'No valid session (`unauthenticated`).' })
@ApiForbiddenResponse({ description: 'The session lacks the ops role (`forbidden`).' })
@Roles('ops')
@RateLimited('management')
@Controller('v1/admin/audit')
export class AdminAuditController {
  constructor(@Inject(AuditQueryService) private readonly audit: AuditQueryService) {}

  /** Lists audit events, newest first, with keyset paging (`nextCursor`). */
  @Get()
  @ApiOkResponse({ type: AuditPageDto })
  listAuditEvents(@Query(validBody) query: AuditQueryDto): Promise<AuditPageDto> {
    return this.audit.page(query);
  }
}
