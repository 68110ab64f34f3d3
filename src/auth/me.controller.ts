import { Controller, Get, Inject, Req } from '@nestjs/common';
import { ApiTags, ApiUnauthorizedResponse } from '@nestjs/swagger';
import type { AuthenticatedRequest } from '../sessions/session-request.js';
import type { MeDto } from './dto/me.dto.js';
import { MeReader } from './me-reader.js';

/**
 * The route's contract for Nest (OpenAPI, HEAD, and apps built without the edge); a
 * plain GET is normally answered by MeEdge in front of Express with the same reader.
 */
@ApiTags('auth')
@Controller('v1/auth')
export class MeController {
  constructor(@Inject(MeReader) private readonly reader: MeReader) {}

  /** The current user, their linked accounts (never tokens) and the current session. */
  @Get('me')
  @ApiUnauthorizedResponse({ description: 'No valid session (problem+json, code unauthenticated)' })
  me(@Req() req: AuthenticatedRequest): Promise<MeDto> {
    return this.reader.read(req.auth!.session);
  }
}
