import { Inject, Injectable, Logger } from '@nestjs/common';
import { AuditService } from '../audit/audit.service.js';
import { ProviderRegistry } from '../providers/provider-registry.js';
import { SessionService } from '../sessions/session.service.js';
import type { SessionRecord } from '../sessions/session.types.js';
import { LinkedAccountsService } from '../tokens/linked-accounts.service.js';
import type { LinkedAccountEntity } from '../tokens/linked-account.entity.js';
import type { RequestFacts } from './login/request-facts.js';

/**
 * Logout ends sessions and revokes upstream tokens where the provider can.
 * Upstream revocation is best effort (logged, never blocking), and skipped for a
 * provider another live session of the user still relies on, so logging out on
 * one device does not break the others.
 */
@Injectable()
export class LogoutService {
  private readonly logger = new Logger('Logout');

  constructor(
    @Inject(SessionService) private readonly sessions: SessionService,
    @Inject(LinkedAccountsService) private readonly accounts: LinkedAccountsService,
    @Inject(ProviderRegistry) private readonly registry: ProviderRegistry,
    @Inject(AuditService) private readonly audit: AuditService,
  ) {}

  /** Logout on a session a refused refresh already ended: only its reauth marker is left to remove. */
  async forgetEnded(token: string): Promise<void> {
    await this.sessions.revokeByToken(token);
  }

  async logout(session: SessionRecord, token: string, everywhere: boolean, facts: RequestFacts): Promise<number> {
    const remaining = everywhere ? [] : (await this.sessions.list(session.userId)).filter((s) => s.id !== session.id);
    const stillUsed = new Set(remaining.flatMap((s) => s.providers));
    const toRevoke = everywhere ? (await this.accounts.listForUser(session.userId)).map((a) => a.provider) : session.providers;
    // The session ends first: a relayed call racing the logout then meets a session that is
    // gone (401), never a live session whose link was just revoked (409 provider_not_linked).
    const ended = everywhere ? await this.sessions.revokeAll(session.userId) : Number(await this.sessions.revokeByToken(token));
    for (const provider of new Set(toRevoke)) {
      if (!stillUsed.has(provider)) await this.revokeUpstreamAfterLogout(session.userId, provider);
    }
    await this.audit.record({
      actorUserId: session.userId,
      action: 'logout',
      targetType: 'session',
      targetId: everywhere ? null : session.id,
      outcome: 'success',
      details: { everywhere, ended },
      ...facts,
    });
    return ended;
  }

  /** The logout has already succeeded: a database outage here leaves the link for the next login, logged, not a 503. */
  private async revokeUpstreamAfterLogout(userId: string, provider: string): Promise<void> {
    try {
      await this.revokeUpstream(userId, provider);
    } catch (error) {
      this.logger.warn({ provider, reason: (error as Error).message }, 'upstream revocation skipped after logout');
    }
  }

  /** Revokes one provider's tokens for a user; failures are logged, never thrown. */
  async revokeUpstream(userId: string, provider: string, account?: LinkedAccountEntity | null): Promise<boolean> {
    const link = account ?? (await this.accounts.findForUser(userId, provider));
    if (!link || link.status === 'revoked') return false;
    const revoked = await this.revokeTokens(provider, this.accounts.readTokens(link));
    if (revoked) await this.accounts.setStatus(link.id, 'revoked');
    return revoked;
  }

  /** Revokes a token pair at the provider when it can; failures are logged, never thrown. */
  async revokeTokens(provider: string, tokens: { accessToken: string; refreshToken?: string }): Promise<boolean> {
    const adapter = this.registry.get(provider);
    if (!adapter.capabilities.revoke) return false;
    try {
      await adapter.revoke(tokens);
      return true;
    } catch (error) {
      this.logger.warn({ provider, reason: (error as Error).message }, 'upstream revocation failed');
      return false;
    }
  }
}
