import { Inject, Injectable } from '@nestjs/common';
import { AuditService } from '../../audit/audit.service.js';
import { APP_CONFIG, type AppConfig } from '../../config/app-config.js';
import type { TokenSet, UpstreamIdentity } from '../../providers/provider-adapter.js';
import { SessionService, type IssuedSession } from '../../sessions/session.service.js';
import type { SessionKind } from '../../sessions/session.types.js';
import { LinkedAccountsService } from '../../tokens/linked-accounts.service.js';
import { AccountLinkedElsewhereError } from '../../tokens/token-errors.js';
import type { UserEntity } from '../../users/user.entity.js';
import { UsersService } from '../../users/users.service.js';
import type { RequestFacts } from '../login/request-facts.js';

export type GrantType = 'authorization_code' | 'password' | 'meeting_passcode';

export interface AccountGrant {
  provider: string;
  grantType: GrantType;
  tokens: TokenSet;
  identity: UpstreamIdentity;
}

export interface OpenSession {
  user: Pick<UserEntity, 'id' | 'roles'>;
  providers: string[];
  kind: SessionKind;
  facts: RequestFacts;
  context?: Record<string, unknown>;
  /** Ends the session earlier than its kind's absolute timeout (a grant without refresh token). */
  absoluteExpiresAt?: number;
  /** Audit details: which way in ("native", "password", "meeting"); never a credential. */
  via: string;
  subject: string;
}

/**
 * The part every way in shares: find or create the user for an upstream identity,
 * link the account with its tokens (undone if linking fails), and open a session.
 * The browser code flow (LoginService, which also links into a signed-in session),
 * native hand-offs, password and meeting grants all come through here.
 */
@Injectable()
export class AccountLoginService {
  constructor(
    @Inject(UsersService) private readonly users: UsersService,
    @Inject(LinkedAccountsService) private readonly accounts: LinkedAccountsService,
    @Inject(SessionService) private readonly sessions: SessionService,
    @Inject(AuditService) private readonly audit: AuditService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /**
   * The user owning (provider, subject), created on first sight, with the account linked
   * to the fresh tokens. With `linkToUserId` (a signed-in user adding a provider) the
   * account joins that user instead, unless another user already holds it.
   */
  async linkUser(grant: AccountGrant, linkToUserId?: string): Promise<UserEntity> {
    const opsRoles = this.config.sessions.opsSubjects.includes(`${grant.provider}:${grant.identity.subject}`) ? ['ops'] : [];
    const existing = await this.accounts.findBySubject(grant.provider, grant.identity.subject);
    if (existing && linkToUserId && existing.userId !== linkToUserId) throw new AccountLinkedElsewhereError(grant.provider);
    const userId = linkToUserId ?? existing?.userId;
    const found = userId ? await this.users.findById(userId) : null;
    const user = found
      ? await this.users.recordLogin(found, opsRoles)
      : await this.users.create({ displayName: grant.identity.displayName ?? grant.identity.subject, email: grant.identity.email }, opsRoles);
    try {
      await this.accounts.link({
        userId: user.id,
        provider: grant.provider,
        subject: grant.identity.subject,
        scopes: grant.tokens.scopes,
        grantType: grant.grantType,
        tokens: grant.tokens,
      });
    } catch (error) {
      // A failed login leaves nothing half-stored.
      if (!found) await this.users.remove(user.id);
      throw error;
    }
    return user;
  }

  /** A fresh session (always a new token) plus its audit event. */
  async openSession(input: OpenSession): Promise<IssuedSession> {
    const issued = await this.sessions.create({
      userId: input.user.id,
      kind: input.kind,
      roles: input.user.roles,
      providers: input.providers,
      userAgent: input.facts.userAgent,
      ip: input.facts.ip,
      context: input.context,
      absoluteExpiresAt: input.absoluteExpiresAt,
    });
    await this.audit.record({
      actorUserId: input.user.id,
      action: 'login',
      targetType: 'linked_account',
      targetId: input.subject,
      outcome: 'success',
      details: { via: input.via, kind: input.kind },
      ...input.facts,
    });
    return issued;
  }
}
