import { Inject, Injectable } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '../../config/app-config.js';
import { DomainError } from '../../common/errors/domain-error.js';
import { AuditService } from '../../audit/audit.service.js';
import { LinkedAccountsService } from '../../tokens/linked-accounts.service.js';
import { SessionService } from '../../sessions/session.service.js';
import type { SessionRecord } from '../../sessions/session.types.js';
import type { UserEntity } from '../../users/user.entity.js';
import { UsersService } from '../../users/users.service.js';
import type { CallbackResult } from '../passport/callback-result.js';
import type { RequestFacts } from './request-facts.js';

export interface CompletedLogin {
  token: string;
  session: SessionRecord;
  returnTo: string;
  linked: boolean;
}

/**
 * Turns an exchanged code into a user, a linked account and a fresh session.
 * Database writes come first and are undone if linking fails, so a failed
 * login leaves nothing half-stored; the session is created last.
 */
@Injectable()
export class LoginService {
  constructor(
    @Inject(UsersService) private readonly users: UsersService,
    @Inject(LinkedAccountsService) private readonly accounts: LinkedAccountsService,
    @Inject(SessionService) private readonly sessions: SessionService,
    @Inject(AuditService) private readonly audit: AuditService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async complete(result: CallbackResult, facts: RequestFacts, current?: { token: string; session: SessionRecord }): Promise<CompletedLogin> {
    const linking = current && current.session.userId === result.transaction.linkToUserId ? current : undefined;
    const user = await this.resolveUser(result, linking?.session.userId);
    await this.linkOrUndo(user, result);
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

  private async resolveUser(result: CallbackResult, linkingUserId?: string): Promise<UserEntity & { created?: boolean }> {
    const opsRoles = this.config.sessions.opsSubjects.includes(`${result.provider}:${result.identity.subject}`) ? ['ops'] : [];
    const existing = await this.accounts.findBySubject(result.provider, result.identity.subject);
    if (existing && linkingUserId && existing.userId !== linkingUserId) {
      throw new DomainError('account_linked_elsewhere', 409, 'This provider account is already linked to another user.', { provider: result.provider });
    }
    const userId = linkingUserId ?? existing?.userId;
    const found = userId ? await this.users.findById(userId) : null;
    if (found) return this.users.recordLogin(found, opsRoles);
    const profile = { displayName: result.identity.displayName ?? result.identity.subject, email: result.identity.email };
    return Object.assign(await this.users.create(profile, opsRoles), { created: true });
  }

  private async linkOrUndo(user: UserEntity & { created?: boolean }, result: CallbackResult): Promise<void> {
    try {
      await this.accounts.link({
        userId: user.id,
        provider: result.provider,
        subject: result.identity.subject,
        scopes: result.tokens.scopes,
        grantType: 'authorization_code',
        tokens: result.tokens,
      });
    } catch (error) {
      if (user.created) await this.users.remove(user.id);
      throw error;
    }
  }
}
