import { afterEach, describe, expect, it } from '@jest/globals';
import { SessionCache } from '../../../src/sessions/session-cache.js';
import type { SessionRecord } from '../../../src/sessions/session.types.js';
import { newSession, sessionHarness } from './session-fixtures.js';

const MAX_AGE_MS = 2_000;
const turn = () => new Promise((resolve) => setImmediate(resolve));

describe('SessionService.resolveCached (the relay hot path)', () => {
  let h = sessionHarness({ SESSION_CACHE_MAX_AGE_MS: String(MAX_AGE_MS) });
  afterEach(async () => {
    await h.close();
    h = sessionHarness({ SESSION_CACHE_MAX_AGE_MS: String(MAX_AGE_MS) });
  });

  it('reads the store once, then answers from memory within the max age', async () => {
    const { token, session } = await h.service.create(newSession());
    const before = h.store.gets;
    expect((await h.service.resolveCached(token))?.id).toBe(session.id);
    expect((await h.service.resolveCached(token))?.id).toBe(session.id);
    expect(h.store.gets - before).toBe(1);
    h.advance(MAX_AGE_MS);
    await h.service.resolveCached(token);
    expect(h.store.gets - before).toBe(2);
  });

  it('a change made behind its back is seen once the max age has passed, never later', async () => {
    const { token } = await h.service.create(newSession());
    await h.service.resolveCached(token);
    await h.store.del(...(await keysOf(h.store)));
    expect(await h.service.resolveCached(token)).not.toBeNull();
    h.advance(MAX_AGE_MS);
    expect(await h.service.resolveCached(token)).toBeNull();
  });

  it('never serves a session past its own expiry, even within the max age', async () => {
    const { token } = await h.service.create(newSession({ absoluteExpiresAt: h.clock.now + MAX_AGE_MS / 2 }));
    expect(await h.service.resolveCached(token)).not.toBeNull();
    h.advance(MAX_AGE_MS / 2 - 1);
    expect(await h.service.resolveCached(token)).not.toBeNull();
    h.advance(1);
    expect(await h.service.resolveCached(token)).toBeNull();
  });

  it.each([
    ['logout', async (token: string) => void (await h.service.revokeByToken(token))],
    ['revoke by id', async (_: string, record: SessionRecord) => void (await h.service.revoke(record.userId, record.id))],
    ['revoke all', async (_: string, record: SessionRecord) => void (await h.service.revokeAll(record.userId))],
    ['a provider refused the refresh', async (_: string, record: SessionRecord) => void (await h.service.revokeForProvider(record.userId, 'sandbox'))],
    ['rotation', async (token: string) => void (await h.service.rotate(token))],
  ])('%s: the old token is refused at once on this instance', async (_name, end) => {
    const { token, session } = await h.service.create(newSession());
    expect(await h.service.resolveCached(token)).not.toBeNull();
    await end(token, session);
    expect(await h.service.resolveCached(token)).toBeNull();
  });

  it('an update is seen at once on this instance', async () => {
    const { token } = await h.service.create(newSession());
    expect((await h.service.resolveCached(token))?.providers).toEqual(['sandbox']);
    await h.service.update(token, { providers: [] });
    expect((await h.service.resolveCached(token))?.providers).toEqual([]);
  });

  it('a session ended on another instance is dropped from this one by the notification, before the max age', async () => {
    const other = sessionHarness({ SESSION_CACHE_MAX_AGE_MS: String(MAX_AGE_MS) }, { store: h.store, clock: h.clock });
    await Promise.all([h.service.onModuleInit(), other.service.onModuleInit()]);
    const { token } = await h.service.create(newSession());
    expect(await other.service.resolveCached(token)).not.toBeNull();
    await h.service.revokeByToken(token);
    await turn();
    expect(await other.service.resolveCached(token)).toBeNull();
    await other.service.onModuleDestroy();
  });

  it('a store read in flight while the session is revoked is answered once, never cached', async () => {
    const { token } = await h.service.create(newSession());
    const release = h.store.holdNextGet();
    const racing = h.service.resolveCached(token);
    await h.service.revokeByToken(token);
    release();
    expect(await racing).not.toBeNull();
    expect(await h.service.resolveCached(token)).toBeNull();
  });

  it('revalidate answers the store, dropping an entry a change behind its back left stale', async () => {
    const { token, session } = await h.service.create(newSession());
    expect((await h.service.resolveCached(token))?.id).toBe(session.id);
    await h.store.del(...(await keysOf(h.store)));
    expect(await h.service.resolveCached(token)).not.toBeNull();
    expect(await h.service.revalidate(token)).toBeNull();
    expect(await h.service.resolveCached(token)).toBeNull();
  });

  it('revalidate of a live session keeps it cached', async () => {
    const { token, session } = await h.service.create(newSession());
    expect((await h.service.revalidate(token))?.id).toBe(session.id);
    const before = h.store.gets;
    expect((await h.service.resolveCached(token))?.id).toBe(session.id);
    expect(h.store.gets - before).toBe(0);
  });

  it('revalidate of a live session evicts nothing: a read in flight for another session is still kept', async () => {
    const [a, b] = [await h.service.create(newSession()), await h.service.create(newSession())];
    const release = h.store.holdNextGet();
    const racing = h.service.resolveCached(b.token);
    await turn();
    const revalidated = h.service.revalidate(a.token);
    release();
    expect((await revalidated)?.id).toBe(a.session.id);
    expect((await racing)?.id).toBe(b.session.id);
    const before = h.store.gets;
    await h.service.resolveCached(b.token);
    expect(h.store.gets - before).toBe(0);
  });

  it('SESSION_CACHE_MAX_AGE_MS=0 turns it off: every call reads the store', async () => {
    const off = sessionHarness({ SESSION_CACHE_MAX_AGE_MS: '0' });
    const { token } = await off.service.create(newSession());
    const before = off.store.gets;
    await off.service.resolveCached(token);
    await off.service.resolveCached(token);
    expect(off.store.gets - before).toBe(2);
    await off.close();
  });
});

describe('SessionCache', () => {
  const record = (id: string) => ({ id }) as SessionRecord;

  it('keeps an entry until the max age or the expiry given, whichever is first', () => {
    const cache = new SessionCache(1_000, 10);
    cache.set('a', record('a'), 0, 500, cache.generation);
    cache.set('b', record('b'), 0, 5_000, cache.generation);
    expect(cache.get('a', 499)?.id).toBe('a');
    expect(cache.get('a', 500)).toBeUndefined();
    expect(cache.get('b', 999)?.id).toBe('b');
    expect(cache.get('b', 1_000)).toBeUndefined();
  });

  it('when full, the oldest entry goes', () => {
    const cache = new SessionCache(1_000, 2);
    cache.set('a', record('a'), 0, 5_000, cache.generation);
    cache.set('b', record('b'), 0, 5_000, cache.generation);
    cache.set('c', record('c'), 0, 5_000, cache.generation);
    expect([cache.get('a', 1), cache.get('b', 1)?.id, cache.get('c', 1)?.id]).toEqual([undefined, 'b', 'c']);
  });

  it('does not keep a read that was in flight when an eviction arrived', () => {
    const cache = new SessionCache(1_000, 10);
    const before = cache.generation;
    cache.evict('other');
    cache.set('a', record('a'), 0, 5_000, before);
    expect(cache.get('a', 1)).toBeUndefined();
  });

  it('evict drops one entry', () => {
    const cache = new SessionCache(1_000, 10);
    cache.set('a', record('a'), 0, 5_000, cache.generation);
    cache.evict('a');
    expect(cache.get('a', 1)).toBeUndefined();
  });
});

async function keysOf(store: { zRangeByScore(key: string, min: number, max: number): Promise<string[]> }): Promise<string[]> {
  const hashes = await store.zRangeByScore('user-sessions:user-1', 0, Number.MAX_SAFE_INTEGER);
  return hashes.map((hash) => `sess:${hash}`);
}
