import { Controller, Get, Inject, Query, Req } from '@nestjs/common';
import { ApiBadRequestResponse, ApiBearerAuth, ApiCookieAuth, ApiForbiddenResponse, ApiOkResponse, ApiTags, ApiUnauthorizedResponse } from '@nestjs/swagger';
import { Roles } from '../../sessions/roles.decorator.js';
import type { AuthenticatedRequest } from '../../sessions/session-request.js';
import { SESSION_BEARER_SCHEME, SESSION_COOKIE_SCHEME } from '../../sessions/session-openapi.js';
import { UsageResultsDto } from '../common/usage-results.dto.js';
import { validationFailed, validUsageInput } from '../common/valid-query.pipe.js';
import { LocalUsageQueryDto } from './local-usage-query.dto.js';
import { LocalUsageService } from './local-usage.service.js';
import { RateLimited } from '../../rate-limit/rate-limited.decorator.js';

/** The BFF's own metering of relayed calls, in the upstream usage results' shape. */
@ApiTags('usage')
@ApiCookieAuth(SESSION_COOKIE_SCHEME)
@ApiBearerAuth(SESSION_BEARER_SCHEME)
@ApiBadRequestResponse({ description: 'Unknown parameter, bad value, `from` not before `to`, range over 400 days (`validation_failed`).' })
@ApiUnauthorizedResponse({ description: 'No valid session (`unauthenticated`).' })
@RateLimited('management')
@Controller('v1/usage/local')
export class LocalUsageController {
  constructor(@Inject(LocalUsageService) private readonly usage: LocalUsageService) {}

  /** Ops: relayed calls of everyone, filtered and grouped. */
  @Get()
  @Roles('ops')
  @ApiOkResponse({ type: UsageResultsDto })
  @ApiForbiddenResponse({ description: 'The session lacks the ops role (`forbidden`).' })
  localUsage(@Query(validUsageInput) query: LocalUsageQueryDto): Promise<UsageResultsDto> {
    return this.usage.query(query);
  }

  /** The caller's own relayed calls (a `userId` parameter is refused). */
  @Get('me')
  @ApiOkResponse({ type: UsageResultsDto })
  myLocalUsage(@Query(validUsageInput) query: LocalUsageQueryDto, @Req() req: AuthenticatedRequest): Promise<UsageResultsDto> {
    if (query.userId !== undefined) throw validationFailed('userId', 'is not accepted here: this route reports the caller only');
    return this.usage.query(query, req.auth!.session.userId);
  }
}
