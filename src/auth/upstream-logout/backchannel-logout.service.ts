import { Inject, Injectable, Logger } from '@nestjs/common';
import { createHash } from 'node:crypto';
import { AuditService } from '../../audit/audit.service.js';
import { DependencyUnavailableError } from '../../common/errors/domain-error.js';
import { InvalidLogoutTokenError, LOGOUT_TOKEN_CLOCK_TOLERANCE_SECONDS, LOGOUT_TOKEN_MAX_AGE_SECONDS } from '../../providers/adapters/generic/logout-token.js';
import type { LogoutTokenClaims } from '../../providers/provider-adapter.js';
import { ProviderRegistry } from '../../providers/provider-registry.js';
import { KvStore } from '../../redis/kv-store.port.js';
import { SessionService } from '../../sessions/session.service.js';
import { LinkedAccountsService } from '../../tokens/linked-accounts.service.js';
import type { RequestFacts } from '../login/request-facts.js';
import { LogoutService } from '../logout.service.js';
import { UpstreamSessionStore, type SessionRef } from './upstream-session.store.js';

// A jti is remembered as long as a token carrying it could still pass the iat check.
const REPLAY_WINDOW_MS = (LOGOUT_TOKEN_MAX_AGE_SECONDS + 2 * LOGOUT_TOKEN_CLOCK_TOLERANCE_SECONDS) * 1000;

/**
 * OIDC Back-Channel Logout 1.0 §2.6-2.7: verify the provider's logout token, refuse a
 * replayed `jti`, end the matching BFF sessions (they live in Redis, so they end for
 * every instance at once), and revoke the link's tokens upstream unless another live
 * session of that user still relies on the provider (the same rule as logout).
 */
@Injectable()
export class BackchannelLogoutService {
  private readonly logger = new Logger('BackchannelLogout');

  constructor(
    @Inject(ProviderRegistry) private readonly registry: ProviderRegistry,
    @Inject(UpstreamSessionStore) private readonly upstreamSessions: UpstreamSessionStore,
    @Inject(SessionService) private readonly sessions: SessionService,
    @Inject(LinkedAccountsService) private readonly accounts: LinkedAccountsService,
    @Inject(LogoutService) private readonly logouts: LogoutService,
    @Inject(KvStore) private readonly kv: KvStore,
    @Inject(AuditService) private readonly audit: AuditService,
  ) {}

  /** Returns how many sessions ended. Throws InvalidLogoutTokenError (400) for anything to refuse. */
  async logout(provider: string, logoutToken: string, facts: RequestFacts): Promise<number> {
    // Rate-limited per provider before this runs (the route's @RateLimited('backchannel-logout')).
    const adapter = this.registry.get(provider);
    // Discovery first, so the capability flag is final before it is read.
    await adapter.issuer();
    if (!adapter.capabilities.backchannelLogout || !adapter.verifyLogoutToken) {
      throw new InvalidLogoutTokenError('back-channel logout is not enabled for this provider');
    }
    const claims = await adapter.verifyLogoutToken(logoutToken);
    await this.refuseReplay(provider, claims.jti);
    const targets = await this.targets(provider, claims);
    let ended = 0;
    for (const target of targets) if (await this.sessions.revoke(target.userId, target.sessionId)) ended++;
    for (const userId of new Set(targets.map((t) => t.userId))) await this.revokeLinkIfUnused(userId, provider);
    await this.audit.record({
      actorUserId: targets[0]?.userId ?? null,
      action: 'backchannel_logout',
      targetType: 'provider',
      targetId: provider,
      outcome: 'success',
      details: { ended, bySid: claims.sid !== undefined, bySub: claims.sub !== undefined },
      ...facts,
    });
    return ended;
  }

  /** §2.6 step 10: a jti seen before (inside the iat window) is a replay. */
  private async refuseReplay(provider: string, jti: string): Promise<void> {
    const key = `bcl-jti:${provider}:${createHash('sha256').update(jti).digest('base64url')}`;
    let first: boolean;
    try {
      first = await this.kv.set(key, '1', REPLAY_WINDOW_MS, { onlyIfAbsent: true });
    } catch {
      throw new DependencyUnavailableError('redis');
    }
    if (!first) throw new InvalidLogoutTokenError('the token was already used (jti replay)');
  }

  /**
   * With `sid`: the sessions that came from that provider session (and, when `sub` is
   * given too, only those of the user owning that upstream account). With `sub` alone:
   * every session of that account's user that relies on the provider.
   */
  private async targets(provider: string, claims: LogoutTokenClaims): Promise<SessionRef[]> {
    const owner = claims.sub === undefined ? undefined : ((await this.accounts.findBySubject(provider, claims.sub))?.userId ?? null);
    if (claims.sid !== undefined) {
      const bySid = await this.upstreamSessions.sessionsWithSid(provider, claims.sid);
      return owner === undefined ? bySid : bySid.filter((ref) => ref.userId === owner);
    }
    if (!owner) return [];
    const sessions = await this.sessions.list(owner);
    return sessions.filter((s) => s.providers.includes(provider)).map((s) => ({ userId: owner, sessionId: s.id }));
  }

  private async revokeLinkIfUnused(userId: string, provider: string): Promise<void> {
    const stillUsed = (await this.sessions.list(userId)).some((s) => s.providers.includes(provider));
    if (stillUsed) return;
    const revoked = await this.logouts.revokeUpstream(userId, provider);
    this.logger.log({ provider, revoked }, 'back-channel logout ended sessions');
  }
}
