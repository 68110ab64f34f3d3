import { jest } from '@jest/globals';
import { MemoryKvStore } from '../../../src/redis/memory-kv-store.js';
import { buildService, FakeAccounts, FakeProvider, metricValue } from './refresh-fakes.js';

// One upstream refresh per account, however many callers and instances ask at once.
const expired = () => new Date(Date.now() - 1_000);

describe('TokenRefreshService single flight', () => {
  let kv: MemoryKvStore;
  beforeEach(() => {
    kv = new MemoryKvStore();
  });
  afterEach(() => kv.close());

  it('a token far from expiry is returned as is, without touching the provider', async () => {
    const accounts = new FakeAccounts();
    const provider = new FakeProvider();
    accounts.add('u1', 'acme', { accessToken: 'a0', refreshToken: 'r0', expiresAt: new Date(Date.now() + 3_600_000) });
    const { service } = buildService({ accounts, provider, kv });
    await expect(service.forUser('u1', 'acme')).resolves.toMatchObject({ accessToken: 'a0' });
    expect(provider.calls).toBe(0);
  });

  it('unknown expiry counts as valid', async () => {
    const accounts = new FakeAccounts();
    const provider = new FakeProvider();
    accounts.add('u1', 'acme', { accessToken: 'a0', refreshToken: 'r0' });
    const { service } = buildService({ accounts, provider, kv });
    expect((await service.forUser('u1', 'acme')).accessToken).toBe('a0');
    expect(provider.calls).toBe(0);
  });

  it('a token inside the skew is refreshed ahead of expiry', async () => {
    const accounts = new FakeAccounts();
    const provider = new FakeProvider();
    const row = accounts.add('u1', 'acme', { accessToken: 'a0', refreshToken: 'r0', expiresAt: new Date(Date.now() + 30_000) });
    // Issued an hour ago: the full 60 s skew applies (a quarter of its lifetime is more).
    accounts.rows.get(row.id)!.updatedAt = new Date(Date.now() - 3_600_000);
    const { service } = buildService({ accounts, provider, kv, skewSeconds: 60 });
    expect((await service.forUser('u1', 'acme')).accessToken).toBe('access-1');
  });

  it('50 concurrent callers in one instance share one refresh, persisted before use', async () => {
    const accounts = new FakeAccounts();
    const provider = new FakeProvider();
    const row = accounts.add('u1', 'acme', { accessToken: 'a0', refreshToken: 'r0', expiresAt: expired() });
    const { service, registry } = buildService({ accounts, provider, kv });
    const acquire = jest.spyOn(kv, 'acquireLock');
    const results = await Promise.all(Array.from({ length: 50 }, () => service.forUser('u1', 'acme')));
    expect(provider.calls).toBe(1);
    // Shared in-process: the fleet lock was asked for once, not by each caller.
    expect(acquire).toHaveBeenCalledTimes(1);
    expect(new Set(results.map((r) => r.accessToken))).toEqual(new Set(['access-1']));
    expect(accounts.rows.get(row.id)).toMatchObject({ accessTokenCiphertext: 'access-1', refreshTokenCiphertext: 'refresh-1', version: 2 });
    expect(await metricValue(registry, 'token_refresh_total', { provider: 'acme', outcome: 'success' })).toBe(1);
    // The lock is released: a later forced refresh can take it at once.
    expect(await kv.acquireLock(`refresh:${row.id}`, 1_000)).toEqual(expect.any(String));
  });

  it('two instances sharing the store and the lock: 1 refresh, no refresh token sent twice, everyone gets the new token', async () => {
    const accounts = new FakeAccounts();
    const provider = new FakeProvider();
    provider.latencyMs = 60;
    accounts.add('u1', 'acme', { accessToken: 'a0', refreshToken: 'r0', expiresAt: expired() });
    const a = buildService({ accounts, provider, kv });
    const b = buildService({ accounts, provider, kv });
    const calls = Array.from({ length: 40 }, (_, i) => (i % 2 ? a : b).service.forUser('u1', 'acme'));
    const results = await Promise.all(calls);
    expect(provider.calls).toBe(1);
    expect(provider.seen).toEqual(['r0']);
    expect(new Set(results.map((r) => r.accessToken))).toEqual(new Set(['access-1']));
    // Exactly one instance refreshed; the other reused its result after waiting.
    const successes = (await metricValue(a.registry, 'token_refresh_total', { outcome: 'success' })) + (await metricValue(b.registry, 'token_refresh_total', { outcome: 'success' }));
    expect(successes).toBe(1);
    const waiter = (await metricValue(a.registry, 'token_refresh_total', { outcome: 'success' })) === 1 ? b : a;
    expect(await metricValue(waiter.registry, 'token_refresh_total', { outcome: 'skipped_already_refreshed' })).toBe(1);
  });

  it('the lock holder re-reads the row and skips the refresh another instance already did', async () => {
    const accounts = new FakeAccounts();
    const provider = new FakeProvider();
    const stale = accounts.add('u1', 'acme', { accessToken: 'a0', refreshToken: 'r0', expiresAt: expired() });
    const a = buildService({ accounts, provider, kv });
    await a.service.forUser('u1', 'acme');
    // Instance B read the row before A's refresh landed, and only now gets the lock.
    const b = buildService({ accounts, provider, kv });
    const result = await (b.service as unknown as { refreshAcrossFleet: (r: unknown, n: unknown) => Promise<{ accessToken: string }> }).refreshAcrossFleet(stale, { kind: 'expiring' });
    expect(result.accessToken).toBe('access-1');
    expect(provider.calls).toBe(1);
    expect(await metricValue(b.registry, 'token_refresh_total', { outcome: 'skipped_already_refreshed' })).toBe(1);
  });

  it('afterRejection: refreshes once when the rejected token is current, not when someone already replaced it', async () => {
    const accounts = new FakeAccounts();
    const provider = new FakeProvider();
    accounts.add('u1', 'acme', { accessToken: 'a0', refreshToken: 'r0', expiresAt: new Date(Date.now() + 3_600_000) });
    const { service } = buildService({ accounts, provider, kv });
    const results = await Promise.all(Array.from({ length: 10 }, () => service.afterRejection('u1', 'acme', 'a0')));
    expect(new Set(results.map((r) => r.accessToken))).toEqual(new Set(['access-1']));
    expect(provider.calls).toBe(1);
    // A late caller still holding the old token gets the current one, no second refresh.
    expect((await service.afterRejection('u1', 'acme', 'a0')).accessToken).toBe('access-1');
    expect(provider.calls).toBe(1);
  });
});
