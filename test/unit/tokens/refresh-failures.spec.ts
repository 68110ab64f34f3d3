import { UpstreamError } from '../../../src/providers/upstream-error.js';
import { MemoryKvStore } from '../../../src/redis/memory-kv-store.js';
import { buildService, FakeAccounts, FakeProvider, metricValue } from './refresh-fakes.js';

// What a failed refresh does to the link and the sessions: invalid_grant ends them,
// transient failures keep everything and tell the caller when to come back.
const expired = () => new Date(Date.now() - 1_000);

describe('TokenRefreshService failures', () => {
  let kv: MemoryKvStore;
  let accounts: FakeAccounts;
  let provider: FakeProvider;
  beforeEach(() => {
    kv = new MemoryKvStore();
    accounts = new FakeAccounts();
    provider = new FakeProvider();
  });
  afterEach(() => kv.close());

  it('no link, or a link that is not active -> 409 provider_not_linked with the login URL', async () => {
    const { service } = buildService({ accounts, provider, kv });
    await expect(service.forUser('nobody', 'acme')).rejects.toMatchObject({ code: 'provider_not_linked', status: 409, extra: { provider: 'acme', loginUrl: '/v1/auth/acme/login' } });
    const row = accounts.add('u1', 'acme', { accessToken: 'a0', refreshToken: 'r0' });
    await accounts.setStatus(row.id, 'revoked');
    await expect(service.forUser('u1', 'acme')).rejects.toMatchObject({ code: 'provider_not_linked' });
  });

  it('invalid_grant -> link marked refresh_failed, its sessions ended, 401 reauth_required with the login URL', async () => {
    const row = accounts.add('u1', 'acme', { accessToken: 'a0', refreshToken: 'r0', expiresAt: expired() });
    provider.failWith = new UpstreamError('invalid_grant', 'acme', 'token refresh: rejected');
    const { service, sessions, registry } = buildService({ accounts, provider, kv });
    const results = await Promise.allSettled(Array.from({ length: 5 }, () => service.forUser('u1', 'acme')));
    for (const result of results) {
      expect(result).toMatchObject({ status: 'rejected', reason: { code: 'reauth_required', status: 401, extra: { provider: 'acme', loginUrl: '/v1/auth/acme/login' } } });
    }
    expect(provider.calls).toBe(1);
    expect(accounts.rows.get(row.id)?.status).toBe('refresh_failed');
    expect(sessions.revoked).toEqual([{ userId: 'u1', provider: 'acme' }]);
    expect(await metricValue(registry, 'token_refresh_total', { provider: 'acme', outcome: 'invalid_grant' })).toBe(1);
    // Afterwards the link is no longer usable until the user logs in again: the same answer for every later caller.
    await expect(service.forUser('u1', 'acme')).rejects.toMatchObject({ code: 'reauth_required', status: 401, extra: { loginUrl: '/v1/auth/acme/login' } });
  });

  it('unavailable -> 503 with Retry-After, link and sessions kept, the next call tries again', async () => {
    const row = accounts.add('u1', 'acme', { accessToken: 'a0', refreshToken: 'r0', expiresAt: expired() });
    provider.failWith = new UpstreamError('unavailable', 'acme', 'token refresh: the provider failed (HTTP 503)', 503);
    const { service, sessions, registry } = buildService({ accounts, provider, kv });
    const error = await service.forUser('u1', 'acme').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(UpstreamError);
    expect(error).toMatchObject({ failure: 'unavailable', status: 503, headers: { 'Retry-After': expect.stringMatching(/^\d+$/) } });
    expect(accounts.rows.get(row.id)).toMatchObject({ status: 'active', accessTokenCiphertext: 'a0', refreshTokenCiphertext: 'r0', version: 1 });
    expect(sessions.revoked).toEqual([]);
    expect(await metricValue(registry, 'token_refresh_total', { outcome: 'unavailable' })).toBe(1);
    provider.failWith = undefined;
    expect((await service.forUser('u1', 'acme')).accessToken).toBe('access-2');
  });

  it('a rotating provider is never retried; one that tolerates reuse is, with backoff', async () => {
    accounts.add('u1', 'acme', { accessToken: 'a0', refreshToken: 'r0', expiresAt: expired() });
    provider.failWith = new UpstreamError('unavailable', 'acme', 'timeout');
    await buildService({ accounts, provider, kv }).service.forUser('u1', 'acme').catch(() => undefined);
    expect(provider.calls).toBe(1);

    const tolerant = new FakeProvider('acme', false);
    tolerant.failWith = new UpstreamError('unavailable', 'acme', 'timeout');
    await buildService({ accounts, provider: tolerant, kv }).service.forUser('u1', 'acme').catch(() => undefined);
    expect(tolerant.calls).toBe(3);
  });

  it('429 keeps the provider\'s Retry-After', async () => {
    accounts.add('u1', 'acme', { accessToken: 'a0', refreshToken: 'r0', expiresAt: expired() });
    provider.failWith = new UpstreamError('rate_limited', 'acme', 'rate limited', 429, 7);
    const error = await buildService({ accounts, provider, kv }).service.forUser('u1', 'acme').catch((e: unknown) => e);
    expect(error).toMatchObject({ failure: 'rate_limited', status: 503, headers: { 'Retry-After': '7' } });
  });

  it('after repeated failures the breaker answers 503 at once without calling the provider', async () => {
    accounts.add('u1', 'acme', { accessToken: 'a0', refreshToken: 'r0', expiresAt: expired() });
    provider.failWith = new UpstreamError('unavailable', 'acme', 'timeout');
    const { service, registry } = buildService({ accounts, provider, kv });
    for (let i = 0; i < 3; i++) await service.forUser('u1', 'acme').catch(() => undefined);
    expect(provider.calls).toBe(3);
    const error = await service.forUser('u1', 'acme').catch((e: unknown) => e);
    expect(error).toMatchObject({ failure: 'unavailable', status: 503, message: expect.stringContaining('circuit open') });
    expect(provider.calls).toBe(3);
    expect(await metricValue(registry, 'upstream_circuit_breaker_state', { provider: 'acme' })).toBe(2);
  });

  it('afterRejection without a refresh token ends the link: only a new login helps', async () => {
    const row = accounts.add('u1', 'acme', { accessToken: 'a0' });
    const { service, sessions } = buildService({ accounts, provider, kv });
    await expect(service.afterRejection('u1', 'acme', 'a0')).rejects.toMatchObject({ code: 'reauth_required' });
    expect(accounts.rows.get(row.id)?.status).toBe('refresh_failed');
    expect(sessions.revoked).toHaveLength(1);
    expect(provider.calls).toBe(0);
  });
});
