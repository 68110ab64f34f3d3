import { Controller, Delete, Get, Head, Inject, Options, Patch, Post, Put, Req, Res } from '@nestjs/common';
import type { Response } from 'express';
import { requestIdOf } from '../common/http/request-id.js';
import type { AuthenticatedRequest } from '../sessions/session-request.js';
import { RateLimited } from '../rate-limit/rate-limited.decorator.js';
import { ApiRelay } from './relay-openapi.js';
import { RelayService } from './relay.service.js';

const ROUTE = 'v1/api/:provider/*path';

/**
 * The relay route as Nest sees it: the OpenAPI operations, and the path for OPTIONS
 * (which CORS preflight shares) and for any request the edge handler (relay-edge.ts,
 * which serves GET/HEAD/POST/PUT/PATCH/DELETE before Express) does not take. One
 * handler per method rather than @All: @All documents SEARCH and
 * QUERY operations, which OpenAPI 3.0 rejects, and a method outside these is refused
 * by routing anyway. Authentication and CSRF come from the global session guards; the
 * service normalises the raw request target (`originalUrl`), never Express's decoded
 * params. Body parsers leave this prefix unread (configure-app), so bodies stream.
 */
@Controller()
// The edge handler calls RelayRateLimit itself; this covers what reaches the Nest route.
@RateLimited('relay')
export class RelayController {
  constructor(@Inject(RelayService) private readonly relayService: RelayService) {}

  @Get(ROUTE)
  @ApiRelay()
  relayGet(@Req() req: AuthenticatedRequest, @Res() res: Response): Promise<void> {
    return this.relay(req, res);
  }

  @Head(ROUTE)
  @ApiRelay()
  relayHead(@Req() req: AuthenticatedRequest, @Res() res: Response): Promise<void> {
    return this.relay(req, res);
  }

  @Post(ROUTE)
  @ApiRelay()
  relayPost(@Req() req: AuthenticatedRequest, @Res() res: Response): Promise<void> {
    return this.relay(req, res);
  }

  @Put(ROUTE)
  @ApiRelay()
  relayPut(@Req() req: AuthenticatedRequest, @Res() res: Response): Promise<void> {
    return this.relay(req, res);
  }

  @Patch(ROUTE)
  @ApiRelay()
  relayPatch(@Req() req: AuthenticatedRequest, @Res() res: Response): Promise<void> {
    return this.relay(req, res);
  }

  @Delete(ROUTE)
  @ApiRelay()
  relayDelete(@Req() req: AuthenticatedRequest, @Res() res: Response): Promise<void> {
    return this.relay(req, res);
  }

  @Options(ROUTE)
  @ApiRelay()
  relayOptions(@Req() req: AuthenticatedRequest, @Res() res: Response): Promise<void> {
    return this.relay(req, res);
  }

  private async relay(req: AuthenticatedRequest, res: Response): Promise<void> {
    await this.relayService.relay(req, res, { userId: req.auth!.session.userId, sessionKind: req.auth!.session.kind, requestId: requestIdOf(req), target: req.originalUrl });
  }
}
