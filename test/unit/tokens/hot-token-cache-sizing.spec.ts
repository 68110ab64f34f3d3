import { describe, expect, it } from '@jest/globals';
import type { ValidAccessToken } from '../../../src/tokens/access-token.provider.js';
import type { LinkedAccountEntity } from '../../../src/tokens/linked-account.entity.js';
import { HotTokenCache } from '../../../src/tokens/refresh/hot-token-cache.js';

const row = (id: string, userId: string): LinkedAccountEntity =>
  ({ id, userId, provider: 'p', accessExpiresAt: null, accessTokenCiphertext: 'v1.k.iv.secret-ct.tag', refreshTokenCiphertext: 'v1.k.iv.refresh-ct.tag' }) as LinkedAccountEntity;
const token = (id: string, userId: string, accessToken = `at-${id}`): ValidAccessToken => ({ accessToken, account: row(id, userId) });

describe('HotTokenCache for many users', () => {
  it('holds up to its configured size, then lets the oldest entry go', () => {
    const cache = new HotTokenCache(60_000, () => 0, 3);
    for (const n of [1, 2, 3, 4]) cache.set(`u${n}`, 'p', token(`a${n}`, `u${n}`), 10_000);
    expect(cache.get('u1', 'p')).toBeUndefined();
    expect([2, 3, 4].map((n) => cache.get(`u${n}`, 'p')?.accessToken)).toEqual(['at-a2', 'at-a3', 'at-a4']);
  });

  it('keeps only the token and the link fields callers need, never the ciphertexts', () => {
    const cache = new HotTokenCache(60_000, () => 0, 10);
    cache.set('u1', 'p', token('a1', 'u1'), 10_000);
    const cached = cache.get('u1', 'p')!;
    expect(cached).toEqual({ accessToken: 'at-a1', account: { id: 'a1', userId: 'u1', provider: 'p', accessExpiresAt: null } });
    expect(JSON.stringify(cached)).not.toContain('-ct');
  });

  it('replacing a user entry keeps eviction by account exact', () => {
    const cache = new HotTokenCache(60_000, () => 0, 10);
    cache.set('u1', 'p', token('a1', 'u1', 'old'), 10_000);
    cache.set('u1', 'p', token('a1', 'u1', 'new'), 10_000);
    expect(cache.get('u1', 'p')?.accessToken).toBe('new');
    cache.evictAccount('a1');
    expect(cache.get('u1', 'p')).toBeUndefined();
  });

  it('a size of zero disables caching', () => {
    const cache = new HotTokenCache(60_000, () => 0, 0);
    cache.set('u1', 'p', token('a1', 'u1'), 10_000);
    expect(cache.get('u1', 'p')).toBeUndefined();
  });
});
