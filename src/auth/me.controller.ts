import { Controller, Get, Inject, Req } from '@nestjs/common';
import { ApiTags, ApiUnauthorizedResponse } from '@nestjs/swagger';
import { DomainError } from '../common/errors/domain-error.js';
import type { AuthenticatedRequest } from '../sessions/session-request.js';
import { LinkedAccountsService } from '../tokens/linked-accounts.service.js';
import { UsersService } from '../users/users.service.js';
import type { MeDto } from './dto/me.dto.js';
import { toMeDto } from './me.mapper.js';

@ApiTags('auth')
@Controller('v1/auth')
export class MeController {
  constructor(
    @Inject(UsersService) private readonly users: UsersService,
    @Inject(LinkedAccountsService) private readonly accounts: LinkedAccountsService,
  ) {}

  /** The current user, their linked accounts (never tokens) and the current session. */
  @Get('me')
  @ApiUnauthorizedResponse({ description: 'No valid session (problem+json, code unauthenticated)' })
  async me(@Req() req: AuthenticatedRequest): Promise<MeDto> {
    const session = req.auth!.session;
    const user = await this.users.findById(session.userId);
    // A session can outlive its user only if the user was deleted behind it.
    if (!user) throw new DomainError('unauthenticated', 401, 'The session no longer has a user.');
    return toMeDto(user, await this.accounts.listForUser(user.id), session);
  }
}
