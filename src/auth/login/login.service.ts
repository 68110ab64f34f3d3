import { Inject, Injectable } from '@nestjs/common';
import { AuditService } from '../../audit/audit.service.js';
import { ProviderRegistry } from '../../providers/provider-registry.js';
import { revokeUnusedTokens } from './revoke-unused-tokens.js';
import { SessionService } from '../../sessions/session.service.js';
import type { SessionRecord } from '../../sessions/session.types.js';
import { AccountLoginService } from '../grants/account-login.service.js';
import type { CallbackResult } from '../passport/callback-result.js';
import { UpstreamSessionStore } from '../upstream-logout/upstream-session.store.js';
import type { RequestFacts } from './request-facts.js';

export interface CompletedLogin {
  token: string;
  session: SessionRecord;
  returnTo: string;
  linked: boolean;
}

/**
 * Turns an exchanged code into a user, a linked account and a fresh session.
 * Database writes come first and are undone if linking fails (AccountLoginService),
 * so a failed login leaves nothing half-stored; the session is created last.
 */
@Injectable()
export class LoginService {
  constructor(
    @Inject(AccountLoginService) private readonly accountLogin: AccountLoginService,
    @Inject(SessionService) private readonly sessions: SessionService,
    @Inject(AuditService) private readonly audit: AuditService,
    @Inject(UpstreamSessionStore) private readonly upstreamSessions: UpstreamSessionStore,
    @Inject(ProviderRegistry) private readonly registry: ProviderRegistry,
  ) {}

  async complete(result: CallbackResult, facts: RequestFacts, current?: { token: string; session: SessionRecord }): Promise<CompletedLogin> {
    const linking = current && current.session.userId === result.transaction.linkToUserId ? current : undefined;
    const grant = { provider: result.provider, grantType: 'authorization_code' as const, tokens: result.tokens, identity: result.identity };
    let user;
    try {
      user = await this.accountLogin.linkUser(grant, linking?.session.userId);
    } catch (error) {
      // Nothing was stored (linkUser undoes its writes): the exchanged tokens would only linger upstream.
      await revokeUnusedTokens(this.registry.get(result.provider), result.tokens);
      throw error;
    }
    const providers = [...new Set([...(linking?.session.providers ?? []), result.provider])];
    // A login is a privilege change: always a new token, never the one the browser sent.
    if (linking) await this.sessions.revokeByToken(linking.token);
    const { token, session } = await this.sessions.create({
      userId: user.id,
      kind: 'web',
      roles: user.roles,
      providers,
      userAgent: facts.userAgent,
      ip: facts.ip,
    });
    // The provider's sid (back-channel logout) and the ID token (RP-initiated logout) of this login.
    await this.upstreamSessions.remember(session, result.provider, result.tokens.idToken, linking?.session);
    await this.audit.record({
      actorUserId: user.id,
      action: linking ? 'link' : 'login',
      targetType: 'linked_account',
      targetId: `${result.provider}:${result.identity.subject}`,
      outcome: 'success',
      ...facts,
    });
    return { token, session, returnTo: result.transaction.returnTo, linked: Boolean(linking) };
  }
}
