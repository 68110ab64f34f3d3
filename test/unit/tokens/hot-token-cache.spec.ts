import { describe, expect, it } from '@jest/globals';
import type { ValidAccessToken } from '../../../src/tokens/access-token.provider.js';
import type { LinkedAccountEntity } from '../../../src/tokens/linked-account.entity.js';
import { DpopKey } from '../../../src/providers/dpop/dpop-key.js';
import { HotTokenCache } from '../../../src/tokens/refresh/hot-token-cache.js';

const token = (accountId: string, accessToken = 'at'): ValidAccessToken => ({ accessToken, account: { id: accountId } as LinkedAccountEntity });

describe('HotTokenCache', () => {
  it('serves an entry until its max age, then forgets it', () => {
    let now = 1_000;
    const cache = new HotTokenCache(5_000, () => now);
    cache.set('u1', 'bluejeans', token('a1'), Number.POSITIVE_INFINITY);
    expect(cache.get('u1', 'bluejeans')?.account.id).toBe('a1');
    expect(cache.get('u1', 'genesys')).toBeUndefined();
    now += 5_001;
    expect(cache.get('u1', 'bluejeans')).toBeUndefined();
  });

  it('never keeps a token past the moment it needs refreshing', () => {
    let now = 1_000;
    const cache = new HotTokenCache(5_000, () => now);
    cache.set('u1', 'p', token('a1'), now + 1_000);
    now += 1_001;
    expect(cache.get('u1', 'p')).toBeUndefined();
    cache.set('u1', 'p', token('a1'), now - 1);
    expect(cache.get('u1', 'p')).toBeUndefined();
  });

  it('evicts every entry of a changed account and keeps the others', () => {
    const cache = new HotTokenCache(5_000, () => 0);
    cache.set('u1', 'p', token('a1'), 10_000);
    cache.set('u2', 'p', token('a2'), 10_000);
    cache.evictAccount('a1');
    expect(cache.get('u1', 'p')).toBeUndefined();
    expect(cache.get('u2', 'p')?.account.id).toBe('a2');
  });

  it('keeps the DPoP key of a bound token (the relay signs proofs without a decryption), and none for a bearer token', async () => {
    const cache = new HotTokenCache(5_000, () => 0);
    const key = await DpopKey.generate();
    cache.set('u1', 'p', { ...token('a1'), dpop: key }, 10_000);
    cache.set('u2', 'p', token('a2'), 10_000);
    expect(cache.get('u1', 'p')?.dpop).toBe(key);
    expect(cache.get('u2', 'p')).not.toHaveProperty('dpop');
  });

  it('a max age of zero disables caching', () => {
    const cache = new HotTokenCache(0, () => 0);
    cache.set('u1', 'p', token('a1'), 10_000);
    expect(cache.get('u1', 'p')).toBeUndefined();
  });
});
