import { randomUUID } from 'node:crypto';
import { Registry } from 'prom-client';
import { CircuitBreakers } from '../../../src/providers/circuit-breakers.js';
import type { ProviderAdapter, TokenSet } from '../../../src/providers/provider-adapter.js';
import { UpstreamError } from '../../../src/providers/upstream-error.js';
import type { KvStore } from '../../../src/redis/kv-store.port.js';
import type { LinkedAccountEntity, LinkedAccountStatus } from '../../../src/tokens/linked-account.entity.js';
import { RefreshMetrics } from '../../../src/tokens/refresh/refresh-metrics.js';
import { TokenRefreshService } from '../../../src/tokens/refresh/token-refresh.service.js';
import { ConcurrentUpdateError } from '../../../src/tokens/token-errors.js';

const tick = (ms = 1) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * The linked_accounts table in memory, with the real service's semantics that matter
 * here: version-checked replaceTokens, setStatus bumping the version, and a little
 * latency on every call so concurrent callers really interleave. "Ciphertext" columns
 * hold the plain tokens (encryption is tested elsewhere).
 */
export class FakeAccounts {
  readonly rows = new Map<string, LinkedAccountEntity>();

  add(userId: string, provider: string, tokens: { accessToken: string; refreshToken?: string; expiresAt?: Date }): LinkedAccountEntity {
    const now = new Date();
    const row = {
      id: randomUUID(),
      userId,
      provider,
      subject: `sub-${randomUUID()}`,
      scopes: ['s'],
      grantType: 'authorization_code',
      accessTokenCiphertext: tokens.accessToken,
      refreshTokenCiphertext: tokens.refreshToken ?? null,
      keyId: 'k1',
      accessExpiresAt: tokens.expiresAt ?? null,
      refreshExpiresAt: null,
      status: 'active',
      extra: null,
      version: 1,
      createdAt: now,
      updatedAt: now,
    } as LinkedAccountEntity;
    this.rows.set(row.id, row);
    return { ...row };
  }

  async findForUser(userId: string, provider: string): Promise<LinkedAccountEntity | null> {
    await tick();
    const row = [...this.rows.values()].find((r) => r.userId === userId && r.provider === provider);
    return row ? { ...row } : null;
  }

  async findById(id: string): Promise<LinkedAccountEntity | null> {
    await tick();
    const row = this.rows.get(id);
    return row ? { ...row } : null;
  }

  readTokens(account: LinkedAccountEntity): { accessToken: string; refreshToken?: string } {
    return { accessToken: account.accessTokenCiphertext, refreshToken: account.refreshTokenCiphertext ?? undefined };
  }

  readAccessToken(account: LinkedAccountEntity): string {
    return account.accessTokenCiphertext;
  }

  /** The fake's rows are bearer-token links: no DPoP key. */
  async readDpopKey(): Promise<undefined> {
    return undefined;
  }

  async replaceTokens(account: LinkedAccountEntity, tokens: TokenSet): Promise<LinkedAccountEntity> {
    await tick();
    const row = this.rows.get(account.id);
    if (!row || row.version !== account.version) throw new ConcurrentUpdateError();
    Object.assign(row, {
      accessTokenCiphertext: tokens.accessToken,
      refreshTokenCiphertext: tokens.refreshToken ?? row.refreshTokenCiphertext,
      accessExpiresAt: tokens.expiresAt ?? null,
      status: 'active',
      version: row.version + 1,
    });
    return { ...row };
  }

  async setStatus(accountId: string, status: LinkedAccountStatus): Promise<void> {
    await tick();
    const row = this.rows.get(accountId);
    if (row) Object.assign(row, { status, version: row.version + 1 });
  }
}

/**
 * A provider whose refresh takes a while and rotates; it remembers every refresh token
 * it was sent, so a test can prove none was sent twice (a real rotating provider
 * would answer invalid_grant and revoke the family).
 */
export class FakeProvider {
  calls = 0;
  readonly seen: string[] = [];
  failWith?: UpstreamError;
  latencyMs = 20;
  lifetimeMs = 3_600_000;

  readonly adapter: ProviderAdapter;

  constructor(
    readonly id = 'acme',
    rotates = true,
  ) {
    this.adapter = {
      id,
      capabilities: { refresh: true, rotatesRefreshTokens: rotates },
      refresh: (refreshToken: string) => this.refresh(refreshToken),
    } as unknown as ProviderAdapter;
  }

  private async refresh(refreshToken: string): Promise<TokenSet> {
    this.calls += 1;
    await tick(this.latencyMs);
    if (this.failWith) throw this.failWith;
    if (this.seen.includes(refreshToken)) throw new UpstreamError('invalid_grant', this.id, 'token refresh: reused refresh token');
    this.seen.push(refreshToken);
      return { accessToken: `access-${this.calls}`, refreshToken: `refresh-${this.calls}`, expiresAt: new Date(Date.now() + this.lifetimeMs), scopes: [] };
  }
}

export class FakeSessions {
  readonly revoked: { userId: string; provider: string }[] = [];
  async revokeForProvider(userId: string, provider: string): Promise<number> {
    this.revoked.push({ userId, provider });
    return 1;
  }
}

export interface ServiceParts {
  accounts: FakeAccounts;
  provider: FakeProvider;
  kv: KvStore;
  sessions?: FakeSessions;
  registry?: Registry;
  skewSeconds?: number;
}

/** One "instance" of the service; two built over the same accounts and kv behave like two BFF processes. */
export function buildService(parts: ServiceParts): { service: TokenRefreshService; sessions: FakeSessions; registry: Registry; breakers: CircuitBreakers } {
  const sessions = parts.sessions ?? new FakeSessions();
  const registry = parts.registry ?? new Registry();
  const metrics = new RefreshMetrics(registry);
  const breakers = new CircuitBreakers({ failureThreshold: 3, cooldownMs: 10_000 }, (p, s) => metrics.breakerState(p, s));
  const providers = { get: () => parts.provider.adapter, configOf: () => ({ timeoutMs: 1_000 }) };
  const settings = { skewSeconds: parts.skewSeconds ?? 60, lockTtlMs: 5_000, pollMs: 5, hotCacheMs: 0, now: Date.now };
  const service = new TokenRefreshService(parts.accounts, providers as never, parts.kv, sessions, breakers, metrics, settings);
  return { service, sessions, registry, breakers };
}

export async function metricValue(registry: Registry, name: string, labels: Record<string, string>): Promise<number> {
  const metric = (await registry.getMetricsAsJSON()).find((m) => m.name === name);
  const value = metric?.values.find((v) => Object.entries(labels).every(([k, l]) => v.labels[k] === l));
  return value?.value ?? 0;
}
