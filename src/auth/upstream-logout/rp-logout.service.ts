import { Inject, Injectable } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '../../config/app-config.js';
import { DependencyUnavailableError } from '../../common/errors/domain-error.js';
import { ProviderRegistry } from '../../providers/provider-registry.js';
import { UpstreamError } from '../../providers/upstream-error.js';
import { KvStore } from '../../redis/kv-store.port.js';
import type { SessionRecord } from '../../sessions/session.types.js';
import { randomToken } from '../login/login-transaction.store.js';
import type { RequestFacts } from '../login/request-facts.js';
import { safeReturnTo } from '../login/return-to.js';
import { LogoutService } from '../logout.service.js';
import { UpstreamSessionStore } from './upstream-session.store.js';

const STATE_SHAPE = /^[A-Za-z0-9_-]{43}$/;
const stateKey = (state: string) => `rp-logout:${state}`;

/**
 * OIDC RP-Initiated Logout 1.0: ends the BFF session like logout does, then hands back
 * the provider's end_session_endpoint URL with the session's ID token as
 * `id_token_hint`, our own fixed `post_logout_redirect_uri` and a single-use `state`
 * that remembers the app's (sanitised) return path. The provider's redirect lands on
 * `returnFromProvider`, which only ever redirects to that stored path.
 */
@Injectable()
export class RpLogoutService {
  constructor(
    @Inject(ProviderRegistry) private readonly registry: ProviderRegistry,
    @Inject(UpstreamSessionStore) private readonly upstreamSessions: UpstreamSessionStore,
    @Inject(LogoutService) private readonly logouts: LogoutService,
    @Inject(KvStore) private readonly kv: KvStore,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /** The URL the browser must visit to end its session at the provider. The local session is over when this returns. */
  async logout(provider: string, session: SessionRecord, token: string, returnTo: unknown, facts: RequestFacts): Promise<string> {
    const adapter = this.registry.get(provider);
    await adapter.issuer();
    if (!adapter.capabilities.rpInitiatedLogout || !adapter.endSessionUrl) {
      throw new UpstreamError('not_supported', provider, `${adapter.displayName} does not support RP-initiated logout`);
    }
    // Read before the session ends: the hint belongs to this session's login.
    const idTokenHint = await this.upstreamSessions.idTokenFor(session.id, provider);
    const state = randomToken();
    const path = safeReturnTo(returnTo, this.config.sessions.appOrigins);
    await this.guard(() => this.kv.set(stateKey(state), JSON.stringify({ provider, returnTo: path }), this.config.sessions.loginTransactionSeconds * 1000));
    await this.logouts.logout(session, token, false, facts);
    await this.upstreamSessions.forget(session);
    return adapter.endSessionUrl({ idTokenHint, postLogoutRedirectUri: this.postLogoutRedirectUri(provider), state });
  }

  /** Where the provider sends the browser back: the stored return path, or `/` for an unknown, used or foreign state. */
  async returnFromProvider(provider: string, state: unknown): Promise<string> {
    if (typeof state !== 'string' || !STATE_SHAPE.test(state)) return '/';
    const raw = await this.guard(() => this.kv.getDel(stateKey(state)));
    if (!raw) return '/';
    const stored = JSON.parse(raw) as { provider: string; returnTo: string };
    return stored.provider === provider ? stored.returnTo : '/';
  }

  postLogoutRedirectUri(provider: string): string {
    return `${this.config.http.publicUrl.replace(/\/+$/, '')}/v1/auth/${encodeURIComponent(provider)}/logout/return`;
  }

  private async guard<T>(work: () => Promise<T>): Promise<T> {
    try {
      return await work();
    } catch {
      throw new DependencyUnavailableError('redis');
    }
  }
}
