import { afterEach, describe, expect, it } from '@jest/globals';
import { createHash } from 'node:crypto';
import { loadConfig } from '../../../src/config/load-config.js';
import { MemoryKvStore } from '../../../src/redis/memory-kv-store.js';
import { SessionService } from '../../../src/sessions/session.service.js';
import { newSession, sessionHarness } from './session-fixtures.js';

describe('SessionService storage and bad input', () => {
  let h = sessionHarness();
  afterEach(async () => {
    await h.close();
    h = sessionHarness();
  });

  it('stores only the SHA-256 of the token: the raw token appears in no key, value or index member', async () => {
    const { token, session } = await h.service.create(newSession({ kind: 'native' }));
    await h.service.update(token, { providers: ['calcom'] });
    h.advance(120_000);
    await h.service.resolve(token);
    const hash = createHash('sha256').update(token).digest('hex');
    expect(h.store.written).toContain(`sess:${hash}`);
    expect(h.store.written).toContain(`user-sessions:${session.userId}`);
    expect(h.store.written).toContain(hash);
    expect(h.store.written.filter((entry) => entry.includes(token))).toEqual([]);
  });

  it.each([
    ['empty', ''],
    ['garbage', 'not-a-token'],
    ['truncated', 'A'.repeat(42)],
    ['one too long', 'A'.repeat(44)],
    ['oversized', 'A'.repeat(100_000)],
    ['bad charset', `${'A'.repeat(42)}=`],
    ['with spaces', `${'A'.repeat(21)} ${'A'.repeat(21)}`],
    ['unknown but well-formed', 'A'.repeat(43)],
  ])('a %s token resolves to null without throwing or touching the store', async (_label, token) => {
    const reads: string[] = [];
    const realGet = h.store.get.bind(h.store);
    h.store.get = async (key) => {
      reads.push(key);
      return realGet(key);
    };
    expect(await h.service.resolve(token)).toBeNull();
    expect(reads.length).toBe(token === 'A'.repeat(43) ? 1 : 0);
  });

  it('a non-string token (from a sloppy caller) is null, not a crash', async () => {
    expect(await h.service.resolve(undefined as unknown as string)).toBeNull();
    expect(await h.service.update(42 as unknown as string, { roles: [] })).toBeNull();
  });

  it('a corrupt record is treated as no session', async () => {
    const { token } = await h.service.create(newSession());
    const key = h.store.written.find((k) => k.startsWith('sess:'))!;
    await h.store.set(key, '{"id": 1', 60_000);
    expect(await h.service.resolve(token)).toBeNull();
  });

  it('a store failure is a 503 dependency_unavailable naming redis, never "no session"', async () => {
    class DownStore extends MemoryKvStore {
      override async get(): Promise<string | null> {
        throw new Error('Connection is closed.');
      }
      override async set(): Promise<boolean> {
        throw new Error('Connection is closed.');
      }
    }
    const store = new DownStore();
    const service = new SessionService(store, loadConfig({ NODE_ENV: 'test', SANDBOX_ENABLED: 'false', LOG_LEVEL: 'silent' }), () => Date.now());
    const expected = { status: 503, code: 'dependency_unavailable', extra: { dependency: 'redis' } };
    await expect(service.resolve('A'.repeat(43))).rejects.toMatchObject(expected);
    await expect(service.create(newSession())).rejects.toMatchObject(expected);
    await expect(service.revokeByToken('A'.repeat(43))).rejects.toMatchObject(expected);
    await store.close();
  });
});
