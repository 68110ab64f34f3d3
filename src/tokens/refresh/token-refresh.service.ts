import { Inject, Injectable, type OnModuleDestroy, type OnModuleInit } from '@nestjs/common';
import type { Span } from '@opentelemetry/api';
import { CircuitBreakers } from '../../providers/circuit-breakers.js';
import { ProviderRegistry } from '../../providers/provider-registry.js';
import { UpstreamError } from '../../providers/upstream-error.js';
import { KvStore } from '../../redis/kv-store.port.js';
import { SessionService } from '../../sessions/session.service.js';
import { withSpan } from '../../telemetry/trace-span.js';
import { AccessTokenProvider, type ValidAccessToken } from '../access-token.provider.js';
import type { LinkedAccountEntity } from '../linked-account.entity.js';
import { LinkedAccountsService } from '../linked-accounts.service.js';
import { FleetLockTimeout, runUnderFleetLock } from './fleet-lock.js';
import { HotTokenCache, LINKED_ACCOUNT_CHANGED } from './hot-token-cache.js';
import { persistRefreshed } from './persist-refreshed.js';
import { ProviderNotLinkedError, ReauthRequiredError } from './refresh-errors.js';
import { RefreshMetrics, type RefreshOutcome } from './refresh-metrics.js';
import { refreshSkewMs } from './refresh-skew.js';
import { REFRESH_SETTINGS, type RefreshSettings } from './refresh-settings.js';
import { DEFAULT_RETRY_AFTER_SECONDS, refreshAtProvider } from './upstream-refresh.js';

type Accounts = Pick<LinkedAccountsService, 'findForUser' | 'findById' | 'readTokens' | 'readAccessToken' | 'readDpopKey' | 'replaceTokens' | 'setStatus'>;
type Providers = Pick<ProviderRegistry, 'get' | 'configOf'>;
type Sessions = Pick<SessionService, 'revokeForProvider'>;

/** Why a row needs a refresh: it expires within the skew, or the upstream rejected this exact token. */
type Need = { kind: 'expiring' } | { kind: 'rejected'; accessToken: string };

/**
 * Valid access tokens for linked accounts, with one upstream refresh per account at a
 * time across the fleet: (1) callers in this process share one promise per account,
 * (2) instances share a Redis lock, (3) the lock holder re-reads the row and skips the
 * refresh if another instance already did it. New tokens are persisted (version-checked)
 * before anyone uses them, so a rotating provider never sees a refresh token twice.
 */
@Injectable()
export class TokenRefreshService extends AccessTokenProvider implements OnModuleInit, OnModuleDestroy {
  private readonly inFlight = new Map<string, Promise<ValidAccessToken>>();
  private readonly hot: HotTokenCache;
  private unsubscribe?: () => Promise<void>;

  constructor(
    @Inject(LinkedAccountsService) private readonly accounts: Accounts,
    @Inject(ProviderRegistry) private readonly providers: Providers,
    @Inject(KvStore) private readonly kv: KvStore,
    @Inject(SessionService) private readonly sessions: Sessions,
    @Inject(CircuitBreakers) private readonly breakers: CircuitBreakers,
    @Inject(RefreshMetrics) private readonly metrics: RefreshMetrics,
    @Inject(REFRESH_SETTINGS) private readonly settings: RefreshSettings,
  ) {
    super();
    this.hot = new HotTokenCache(settings.hotCacheMs, settings.now, settings.hotCacheEntries);
  }

  async onModuleInit(): Promise<void> {
    // Best effort: without Redis the cache's short age still bounds staleness.
    this.unsubscribe = await this.kv.subscribe(LINKED_ACCOUNT_CHANGED, (accountId) => this.hot.evictAccount(accountId)).catch(() => undefined);
  }

  async onModuleDestroy(): Promise<void> {
    await this.unsubscribe?.().catch(() => undefined);
  }

  async forUser(userId: string, provider: string): Promise<ValidAccessToken> {
    const cached = this.hot.get(userId, provider);
    if (cached) return cached;
    const result = await this.freshForUser(userId, provider);
    const expiresAt = result.account.accessExpiresAt?.getTime() ?? Number.POSITIVE_INFINITY;
    this.hot.set(userId, provider, result, expiresAt - refreshSkewMs(this.settings.skewSeconds, result.account));
    return result;
  }

  private async freshForUser(userId: string, provider: string): Promise<ValidAccessToken> {
    const account = await this.activeLink(userId, provider);
    if (!this.needsRefresh(account, { kind: 'expiring' })) return this.current(account);
    // Nothing to refresh with: hand out what we have; if the upstream rejects it, afterRejection ends the link.
    if (!this.canRefresh(account)) return this.current(account);
    return this.singleFlight(account, { kind: 'expiring' });
  }

  async afterRejection(userId: string, provider: string, rejectedAccessToken: string): Promise<ValidAccessToken> {
    const need: Need = { kind: 'rejected', accessToken: rejectedAccessToken };
    const cached = this.hot.get(userId, provider);
    if (cached) this.hot.evictAccount(cached.account.id);
    // Two rounds: a flight we joined may have been started for another reason and skipped.
    for (let round = 0; round < 2; round++) {
      const account = await this.activeLink(userId, provider);
      if (!this.needsRefresh(account, need)) return this.current(account);
      if (!this.canRefresh(account)) throw await this.endLink(account);
      const result = await this.singleFlight(account, need);
      if (result.accessToken !== rejectedAccessToken) return result;
    }
    throw new UpstreamError('unavailable', provider, 'token refresh: the rejected token could not be replaced yet', undefined, DEFAULT_RETRY_AFTER_SECONDS);
  }

  /** In-process single flight: concurrent callers for one account share one promise. */
  private singleFlight(account: LinkedAccountEntity, need: Need): Promise<ValidAccessToken> {
    const running = this.inFlight.get(account.id);
    if (running) return running;
    const flight = withSpan('token.refresh', { 'bff.provider': account.provider, 'bff.refresh.reason': need.kind }, (span) => this.refreshAcrossFleet(account, need, span)).finally(() =>
      this.inFlight.delete(account.id),
    );
    this.inFlight.set(account.id, flight);
    return flight;
  }

  private async refreshAcrossFleet(account: LinkedAccountEntity, need: Need, span?: Span): Promise<ValidAccessToken> {
    const timeoutMs = this.providers.configOf(account.provider).timeoutMs;
    // The lock must outlive one upstream call, or a second instance could send the same refresh token.
    const ttlMs = Math.max(this.settings.lockTtlMs, timeoutMs + 5_000);
    try {
      const result = await runUnderFleetLock<ValidAccessToken>({
        kv: this.kv,
        name: `refresh:${account.id}`,
        ttlMs,
        maxWaitMs: ttlMs + 1_000,
        pollMs: this.settings.pollMs,
        now: this.settings.now,
        whileHeld: () => this.refreshHoldingLock(account, need, this.settings.now() + ttlMs - timeoutMs - 1_000),
        poll: () => this.doneByOther(account, need),
      });
      span?.setAttributes({ 'bff.refresh.how': result.how, 'bff.refresh.lock_wait_ms': result.waitedMs });
      if (result.waitedMs > 0 || result.how === 'reused') {
        this.metrics.waited(account.provider, result.how === 'reused' ? 'reused' : 'acquired', result.waitedMs / 1000);
      }
      if (result.how === 'reused') this.metrics.refreshed(account.provider, 'skipped_already_refreshed');
      return result.value;
    } catch (error) {
      if (!(error instanceof FleetLockTimeout)) throw error;
      this.metrics.waited(account.provider, 'timeout', error.waitedMs / 1000);
      throw new UpstreamError('unavailable', account.provider, 'token refresh: another instance is still refreshing', undefined, DEFAULT_RETRY_AFTER_SECONDS);
    }
  }

  /** Holding the lock: re-read, skip if someone else already refreshed, else refresh and persist. */
  private async refreshHoldingLock(original: LinkedAccountEntity, need: Need, retryDeadline: number): Promise<ValidAccessToken> {
    const row = await this.reread(original);
    if (!this.needsRefresh(row, need)) {
      this.metrics.refreshed(row.provider, 'skipped_already_refreshed');
      return this.current(row);
    }
    const { refreshToken } = this.accounts.readTokens(row);
    if (!refreshToken) throw await this.endLink(row);
    const adapter = this.providers.get(row.provider);
    // A DPoP-bound link proves possession of its own key on the refresh too (RFC 9449 §5).
    const dpop = row.dpopKeyCiphertext ? await this.accounts.readDpopKey(row) : undefined;
    let tokens;
    try {
      tokens = await refreshAtProvider({ adapter, breaker: this.breakers.forProvider(row.provider), refreshToken, dpop, retryDeadline, now: this.settings.now });
    } catch (error) {
      this.metrics.refreshed(row.provider, outcomeOf(error));
      if (error instanceof UpstreamError && error.failure === 'invalid_grant') throw await this.endLink(row);
      throw error;
    }
    const saved = await persistRefreshed(this.accounts, row, refreshToken, tokens);
    this.metrics.refreshed(row.provider, 'success');
    return saved;
  }

  /** While another instance holds the lock: its result, once the row shows it. */
  private async doneByOther(original: LinkedAccountEntity, need: Need): Promise<ValidAccessToken | undefined> {
    const row = await this.reread(original);
    return this.needsRefresh(row, need) ? undefined : this.current(row);
  }

  /** The row again; the link may have been ended or removed meanwhile. */
  private async reread(original: LinkedAccountEntity): Promise<LinkedAccountEntity> {
    const row = await this.accounts.findById(original.id);
    if (!row) throw new ProviderNotLinkedError(original.provider);
    if (row.status === 'refresh_failed') throw new ReauthRequiredError(row.provider);
    if (row.status !== 'active') throw new ProviderNotLinkedError(row.provider);
    return row;
  }

  /**
   * invalid_grant (or nothing to refresh with): end the sessions that depend on the link
   * (each leaves a reauth_required marker), then mark the link. In this order, whoever sees
   * the marked link (and answers reauth_required) knows the sessions already answer the same,
   * so a caller that reacts to one reauth_required never meets a live session or a 401
   * unauthenticated next. Should the session store fail, the link stays active and the next
   * call asks the provider again.
   */
  private async endLink(account: LinkedAccountEntity): Promise<ReauthRequiredError> {
    await this.sessions.revokeForProvider(account.userId, account.provider);
    await this.accounts.setStatus(account.id, 'refresh_failed');
    return new ReauthRequiredError(account.provider);
  }

  private async activeLink(userId: string, provider: string): Promise<LinkedAccountEntity> {
    const account = await this.accounts.findForUser(userId, provider);
    // A link its refresh ended answers as the refresh did, so every caller racing or following
    // an invalid_grant sees one answer (401 reauth_required with loginUrl), not a timing-dependent 409.
    if (account?.status === 'refresh_failed') throw new ReauthRequiredError(provider);
    if (!account || account.status !== 'active') throw new ProviderNotLinkedError(provider);
    return account;
  }

  private needsRefresh(account: LinkedAccountEntity, need: Need): boolean {
    if (need.kind === 'rejected') return this.accounts.readAccessToken(account) === need.accessToken;
    // Unknown expiry: treat as valid; the upstream's 401 then goes through afterRejection.
    if (!account.accessExpiresAt) return false;
    return account.accessExpiresAt.getTime() - refreshSkewMs(this.settings.skewSeconds, account) <= this.settings.now();
  }

  private canRefresh(account: LinkedAccountEntity): boolean {
    return account.refreshTokenCiphertext !== null && this.providers.get(account.provider).capabilities.refresh;
  }

  /** The row's token as callers use it; a DPoP-bound one with its key (one async import), a bearer one synchronously. */
  private current(account: LinkedAccountEntity): ValidAccessToken | Promise<ValidAccessToken> {
    const accessToken = this.accounts.readAccessToken(account);
    if (!account.dpopKeyCiphertext) return { accessToken, account };
    return this.accounts.readDpopKey(account).then((dpop) => ({ accessToken, account, dpop }));
  }
}

function outcomeOf(error: unknown): RefreshOutcome {
  if (!(error instanceof UpstreamError)) return 'error';
  if (error.failure === 'invalid_grant' || error.failure === 'unavailable' || error.failure === 'rate_limited') return error.failure;
  return 'error';
}
