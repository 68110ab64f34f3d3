import { Body, Controller, Get, HttpCode, Inject, Param, Post, Query, Req, Res } from '@nestjs/common';
import { ApiAcceptedResponse, ApiBearerAuth, ApiCookieAuth, ApiOkResponse, ApiParam, ApiResponse, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { upstreamIdParam } from '../../clients/dto/client-params.js';
import type { AuthenticatedRequest } from '../../sessions/session-request.js';
import { SESSION_BEARER_SCHEME, SESSION_COOKIE_SCHEME } from '../../sessions/session-openapi.js';
import { UsageResultsDto } from '../common/usage-results.dto.js';
import { validUsageInput } from '../common/valid-query.pipe.js';
import { UsageQueryResourceDto } from './dto/usage-query-resource.dto.js';
import { UsageQueryRequestDto, UsageSummaryQueryDto, UsageWaitQueryDto } from './dto/usage-query-request.dto.js';
import { UpstreamUsageService } from './upstream-usage.service.js';
import { uuidParam } from '../../sessions/uuid-param.pipe.js';
import { RateLimited } from '../../rate-limit/rate-limited.decorator.js';

const problem = (status: number, description: string) => ApiResponse({ status, description: `${description} (problem+json)` });
const actorOf = (req: AuthenticatedRequest) => req.auth!.session;
const location = (provider: string, id: string) => `/v1/usage/${encodeURIComponent(provider)}/queries/${id}`;

/** Upstream OAuth-client usage (Genesys), asynchronous: start, then poll the query resource. Docs: docs/usage.md. */
@ApiTags('usage')
@ApiCookieAuth(SESSION_COOKIE_SCHEME)
@ApiBearerAuth(SESSION_BEARER_SCHEME)
@ApiParam({ name: 'provider', description: 'Configured provider id', example: 'genesys' })
@problem(400, '`validation_failed` (interval, enums, days, waitSeconds), or `upstream_bad_request`')
@problem(401, '`unauthenticated`, or `reauth_required` with `loginUrl` (with `returnTo` when `X-Return-To` was safe)')
@problem(403, '`csrf_rejected`, or `upstream_forbidden` naming `missingPermissions`')
@problem(404, '`provider_not_found`, `capability_not_supported`, `usage_query_not_found` (unknown or someone else\'s), or `upstream_not_found`')
@problem(409, '`provider_not_linked` with `loginUrl` (with `returnTo` when `X-Return-To` was safe)')
@problem(410, '`usage_query_expired`')
@problem(429, '`upstream_rate_limited`, with `Retry-After`')
@problem(502, '`usage_query_failed` (the upstream reported Failed, with its reason), `upstream_failed`')
@problem(503, '`upstream_unavailable` (timeout, unreachable, circuit open; `Retry-After`)')
@RateLimited('management')
@Controller('v1/usage/:provider')
export class UpstreamUsageController {
  constructor(@Inject(UpstreamUsageService) private readonly usage: UpstreamUsageService) {}

  /** Starts a usage query for one OAuth client; poll the `Location` it answers with. */
  @Post('clients/:clientId/query')
  @HttpCode(202)
  @ApiParam({ name: 'clientId', description: 'Upstream OAuth client id' })
  @ApiAcceptedResponse({ type: UsageQueryResourceDto, headers: { Location: { description: 'The query resource', schema: { type: 'string' } } } })
  async startUsageQuery(
    @Param('provider') provider: string,
    @Param('clientId', upstreamIdParam('clientId')) clientId: string,
    @Body(validUsageInput) body: UsageQueryRequestDto,
    @Req() req: AuthenticatedRequest,
    @Res({ passthrough: true }) res: Response,
  ): Promise<UsageQueryResourceDto> {
    const resource = await this.usage.startQuery(actorOf(req), provider, clientId, body);
    res.setHeader('Location', location(provider, resource.id));
    return resource;
  }

  /** Starts a usage summary of the last `days` days (asynchronous like a query). */
  @Get('clients/:clientId/summary')
  @HttpCode(202)
  @ApiParam({ name: 'clientId', description: 'Upstream OAuth client id' })
  @ApiAcceptedResponse({ type: UsageQueryResourceDto, headers: { Location: { description: 'The query resource', schema: { type: 'string' } } } })
  async startUsageSummary(
    @Param('provider') provider: string,
    @Param('clientId', upstreamIdParam('clientId')) clientId: string,
    @Query(validUsageInput) query: UsageSummaryQueryDto,
    @Req() req: AuthenticatedRequest,
    @Res({ passthrough: true }) res: Response,
  ): Promise<UsageQueryResourceDto> {
    const resource = await this.usage.startSummary(actorOf(req), provider, clientId, query.days ?? 7);
    res.setHeader('Location', location(provider, resource.id));
    return resource;
  }

  /** One poll (or, with `waitSeconds`, polls with backoff): 200 with the results when complete, 202 with `Retry-After` while running. */
  @Get('queries/:id')
  @ApiParam({ name: 'id', format: 'uuid' })
  @ApiOkResponse({ type: UsageResultsDto })
  @ApiAcceptedResponse({ type: UsageQueryResourceDto, description: 'Still running; ask again after `Retry-After` seconds.' })
  async readUsageQuery(
    @Param('provider') provider: string,
    @Param('id', uuidParam('id')) id: string,
    @Query(validUsageInput) query: UsageWaitQueryDto,
    @Req() req: AuthenticatedRequest,
    @Res({ passthrough: true }) res: Response,
  ): Promise<UsageResultsDto | UsageQueryResourceDto> {
    const read = await this.usage.read(actorOf(req), provider, id, query.waitSeconds ?? 0);
    if (read.state === 'complete') return read.result;
    res.status(202).setHeader('Retry-After', String(read.retryAfterSeconds));
    return read.resource;
  }
}
