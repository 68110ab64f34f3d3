import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { KvStore } from '../../src/redis/kv-store.port.js';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** The behaviour every KvStore must show; run against each implementation and Redis topology. */
export function describeKvStoreContract(name: string, open: () => Promise<KvStore>): void {
  describe(`KvStore contract: ${name}`, () => {
    let store: KvStore;
    beforeAll(async () => {
      store = await open();
    });
    afterAll(async () => {
      await store.close();
    });

    /** Waits (up to 10 s) for a key to expire; true once it is gone. */
    async function untilGone(key: string): Promise<boolean> {
      for (let i = 0; i < 200; i++) {
        if ((await store.get(key)) === null) return true;
        await sleep(50);
      }
      return false;
    }

    // No race with the clock: values are read under TTLs no loaded machine outlasts, and
    // expiry is awaited (bounded) rather than assumed after a fixed sleep.
    it('sets and gets with a TTL, then forgets after expiry', async () => {
      expect(await store.set('a', '1', 60_000)).toBe(true);
      expect(await store.get('a')).toBe('1');
      const ttl = await store.ttl('a');
      expect(ttl).toBeGreaterThan(0);
      expect(ttl).toBeLessThanOrEqual(60_000);
      expect(await store.set('short', '1', 50)).toBe(true);
      expect(await untilGone('short')).toBe(true);
      expect(await store.ttl('short')).toBe(-1);
    });

    it('set with onlyIfAbsent refuses to overwrite', async () => {
      expect(await store.set('nx', 'first', 5_000, { onlyIfAbsent: true })).toBe(true);
      expect(await store.set('nx', 'second', 5_000, { onlyIfAbsent: true })).toBe(false);
      expect(await store.get('nx')).toBe('first');
    });

    it('getDel returns the value exactly once', async () => {
      await store.set('once', 'v', 5_000);
      const results = await Promise.all([store.getDel('once'), store.getDel('once'), store.getDel('once')]);
      expect(results.filter((r) => r === 'v')).toHaveLength(1);
      expect(await store.get('once')).toBeNull();
    });

    it('del counts what it removed', async () => {
      await store.set('d1', 'x', 5_000);
      await store.set('d2', 'x', 5_000);
      expect(await store.del('d1', 'd2', 'missing')).toBe(2);
      expect(await store.del()).toBe(0);
    });

    it('incr counts and sets the window once', async () => {
      expect(await store.incr('c', 30_000)).toBe(1);
      expect(await store.incr('c', 60_000)).toBe(2);
      expect(await store.ttl('c')).toBeLessThanOrEqual(30_000);
      expect(await store.incr('cw', 50)).toBe(1);
      expect(await untilGone('cw')).toBe(true);
      expect(await store.incr('cw', 50)).toBe(1);
    });

    it('expire extends a live key and reports a missing one', async () => {
      await store.set('e', 'x', 30_000);
      expect(await store.expire('e', 60_000)).toBe(true);
      expect(await store.ttl('e')).toBeGreaterThan(30_000);
      expect(await store.get('e')).toBe('x');
      expect(await store.expire('nope', 1_000)).toBe(false);
    });

    it('sorted-set index: add, range by score, remove, and trim by score', async () => {
      await store.zAdd('z', 30, 'c', 5_000);
      await store.zAdd('z', 10, 'a', 5_000);
      await store.zAdd('z', 20, 'b', 5_000);
      expect(await store.zRangeByScore('z', 0, 100)).toEqual(['a', 'b', 'c']);
      expect(await store.zRangeByScore('z', 15, 25)).toEqual(['b']);
      expect(await store.zRem('z', 'b', 'missing')).toBe(1);
      expect(await store.zRemRangeByScore('z', 0, 10)).toBe(1);
      expect(await store.zRangeByScore('z', 0, 100)).toEqual(['c']);
    });

    it('sorted-set index expires with its TTL, and a later add extends it', async () => {
      await store.zAdd('zt', 1, 'm', 30_000);
      await store.zAdd('zt', 2, 'n', 60_000);
      expect(await store.ttl('zt')).toBeGreaterThan(30_000);
      expect(await store.zRangeByScore('zt', 0, 10)).toEqual(['m', 'n']);
      await store.zAdd('zq', 1, 'm', 50);
      for (let i = 0; i < 200 && (await store.zRangeByScore('zq', 0, 10)).length > 0; i++) await sleep(50);
      expect(await store.zRangeByScore('zq', 0, 10)).toEqual([]);
    });

    it('a lock has one holder; only the holder token releases it', async () => {
      const tokens = await Promise.all([store.acquireLock('l', 5_000), store.acquireLock('l', 5_000)]);
      const holder = tokens.find((t) => t !== null) as string;
      expect(tokens.filter((t) => t !== null)).toHaveLength(1);
      expect(await store.releaseLock('l', 'not-the-token')).toBe(false);
      expect(await store.acquireLock('l', 5_000)).toBeNull();
      expect(await store.releaseLock('l', holder)).toBe(true);
      expect(await store.acquireLock('l', 5_000)).not.toBeNull();
    });

    it('only the holder extends a lock; an extended lock outlives its first TTL', async () => {
      const token = (await store.acquireLock('le', 30_000))!;
      expect(await store.extendLock('le', 'not-the-token', 60_000)).toBe(false);
      expect(await store.extendLock('le', token, 60_000)).toBe(true);
      expect(await store.ttl('lock:le')).toBeGreaterThan(30_000);
      expect(await store.acquireLock('le', 30_000)).toBeNull();
      expect(await store.releaseLock('le', token)).toBe(true);
      expect(await store.extendLock('le', token, 60_000)).toBe(false);
    });

    it('a lock frees itself when its TTL runs out', async () => {
      expect(await store.acquireLock('lt', 50)).not.toBeNull();
      let again: string | null = null;
      for (let i = 0; i < 200 && again === null; i++) {
        await sleep(50);
        again = await store.acquireLock('lt', 50);
      }
      expect(again).not.toBeNull();
    });

    it('publish reaches subscribers until they unsubscribe', async () => {
      const received: string[] = [];
      const unsubscribe = await store.subscribe('ch', (m) => received.push(m));
      await store.publish('ch', 'hello');
      for (let i = 0; i < 200 && received.length === 0; i++) await sleep(25);
      expect(received).toEqual(['hello']);
      await unsubscribe();
      await store.publish('ch', 'after');
      await sleep(50);
      expect(received).toEqual(['hello']);
    });

    it('ping answers while the store is up', async () => {
      await expect(store.ping()).resolves.toBeUndefined();
    });
  });
}
