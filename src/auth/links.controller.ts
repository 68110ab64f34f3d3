import { Controller, Delete, HttpCode, Inject, Param, Req } from '@nestjs/common';
import { ApiNoContentResponse, ApiNotFoundResponse, ApiTags } from '@nestjs/swagger';
import { AuditService } from '../audit/audit.service.js';
import { DomainError } from '../common/errors/domain-error.js';
import { ProviderRegistry } from '../providers/provider-registry.js';
import { SessionCookie } from '../sessions/session-cookie.js';
import { SessionService } from '../sessions/session.service.js';
import { readSessionCredential, type AuthenticatedRequest } from '../sessions/session-request.js';
import { LinkedAccountsService } from '../tokens/linked-accounts.service.js';
import { requestFacts } from './login/request-facts.js';
import { LogoutService } from './logout.service.js';

@ApiTags('auth')
@Controller('v1/auth/links')
export class LinksController {
  constructor(
    @Inject(ProviderRegistry) private readonly registry: ProviderRegistry,
    @Inject(LinkedAccountsService) private readonly accounts: LinkedAccountsService,
    @Inject(LogoutService) private readonly logouts: LogoutService,
    @Inject(SessionService) private readonly sessions: SessionService,
    @Inject(SessionCookie) private readonly cookie: SessionCookie,
    @Inject(AuditService) private readonly audit: AuditService,
  ) {}

  /** Unlinks a provider account from the current user, revoking its tokens upstream where the provider can. */
  @Delete(':provider')
  @HttpCode(204)
  @ApiNoContentResponse({ description: 'Unlinked' })
  @ApiNotFoundResponse({ description: 'Unknown provider, or no account of that provider is linked (problem+json)' })
  async unlink(@Param('provider') provider: string, @Req() req: AuthenticatedRequest): Promise<void> {
    this.registry.get(provider);
    const session = req.auth!.session;
    const link = await this.accounts.findForUser(session.userId, provider);
    if (!link) throw new DomainError('link_not_found', 404, `No ${provider} account is linked to this user.`, { provider });
    // Delete first, then revoke exactly the tokens that were deleted (a refresh in between cannot slip by).
    const removed = await this.accounts.unlink(session.userId, provider);
    if (removed?.tokens) await this.logouts.revokeTokens(provider, removed.tokens);
    const credential = readSessionCredential(req, this.cookie)!;
    await this.sessions.update(credential.token, { providers: session.providers.filter((p) => p !== provider) });
    await this.audit.record({ actorUserId: session.userId, action: 'unlink', targetType: 'linked_account', targetId: `${provider}:${link.subject}`, outcome: 'success', ...requestFacts(req) });
  }
}
