import { afterEach, describe, expect, it } from '@jest/globals';
import { ABSOLUTE_SECONDS, IDLE_SECONDS, MINUTE, NATIVE_ABSOLUTE_SECONDS, NATIVE_IDLE_SECONDS, newSession, sessionHarness } from './session-fixtures.js';

describe('SessionService timeouts', () => {
  let h = sessionHarness();
  afterEach(async () => {
    await h.close();
    h = sessionHarness();
  });

  it('issues a 256-bit base64url token and resolves it to the stored record', async () => {
    const { token, session } = await h.service.create(newSession({ roles: ['ops', 'ops'] }));
    expect(token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(Buffer.from(token, 'base64url')).toHaveLength(32);
    expect(session).toMatchObject({ userId: 'user-1', kind: 'web', roles: ['ops'], createdAt: h.clock.now, lastSeenAt: h.clock.now });
    expect(session.absoluteExpiresAt).toBe(h.clock.now + ABSOLUTE_SECONDS * 1000);
    expect(await h.service.resolve(token)).toEqual(session);
  });

  it('two sessions never share a token or an id', async () => {
    const a = await h.service.create(newSession());
    const b = await h.service.create(newSession());
    expect(a.token).not.toBe(b.token);
    expect(a.session.id).not.toBe(b.session.id);
  });

  it('idle expiry: unused for the idle timeout, the session is gone', async () => {
    const { token } = await h.service.create(newSession());
    h.advance(IDLE_SECONDS * 1000 - 1);
    expect(await h.service.resolve(token)).not.toBeNull();
    // That resolve slid the window; wait a full idle period from it.
    h.advance(IDLE_SECONDS * 1000);
    expect(await h.service.resolve(token)).toBeNull();
  });

  it('idle expiry is enforced from lastSeenAt even if the key outlived it', async () => {
    const { token } = await h.service.create(newSession());
    // Stretch the key TTL behind the service's back: the record's own timestamps must still decide.
    for (const key of h.store.written.filter((k) => k.startsWith('sess:'))) await h.store.expire(key, 10 * IDLE_SECONDS * 1000);
    h.advance(IDLE_SECONDS * 1000);
    expect(await h.service.resolve(token)).toBeNull();
  });

  it('absolute expiry: activity cannot keep a session alive past its absolute lifetime', async () => {
    const { token } = await h.service.create(newSession());
    const steps = Math.ceil(ABSOLUTE_SECONDS / (IDLE_SECONDS / 2));
    let alive = 0;
    for (let i = 0; i < steps; i += 1) {
      h.advance((IDLE_SECONDS / 2) * 1000);
      if (await h.service.resolve(token)) alive += 1;
    }
    expect(alive).toBe(steps - 1);
    expect(await h.service.resolve(token)).toBeNull();
  });

  it('native sessions use the native timeouts', async () => {
    const { token, session } = await h.service.create(newSession({ kind: 'native' }));
    expect(session.absoluteExpiresAt - session.createdAt).toBe(NATIVE_ABSOLUTE_SECONDS * 1000);
    h.advance(IDLE_SECONDS * 1000 * 2);
    expect(await h.service.resolve(token)).not.toBeNull();
    h.advance(NATIVE_IDLE_SECONDS * 1000);
    expect(await h.service.resolve(token)).toBeNull();
  });

  it('sliding idle: lastSeenAt and the TTL are rewritten at most once a minute', async () => {
    const { token, session } = await h.service.create(newSession());
    const writesAfterCreate = h.store.sets;
    h.advance(MINUTE - 1);
    expect((await h.service.resolve(token))?.lastSeenAt).toBe(session.createdAt);
    expect(await h.service.resolve(token)).not.toBeNull();
    expect(h.store.sets).toBe(writesAfterCreate);

    h.advance(1);
    expect((await h.service.resolve(token))?.lastSeenAt).toBe(h.clock.now);
    expect(h.store.sets).toBe(writesAfterCreate + 1);
    const key = h.store.written.find((k) => k.startsWith('sess:'))!;
    expect(await h.store.ttl(key)).toBe(IDLE_SECONDS * 1000);

    h.advance(30_000);
    await h.service.resolve(token);
    expect(h.store.sets).toBe(writesAfterCreate + 1);
  });

  it('the TTL never outlives the absolute expiry', async () => {
    const { token } = await h.service.create(newSession());
    // Stay active every 5 minutes until one minute before the absolute expiry.
    for (let i = 0; i < 11; i += 1) {
      h.advance(300_000);
      expect(await h.service.resolve(token)).not.toBeNull();
    }
    h.advance((ABSOLUTE_SECONDS - 60) * 1000 - 11 * 300_000);
    expect(await h.service.resolve(token)).not.toBeNull();
    const key = h.store.written.find((k) => k.startsWith('sess:'))!;
    expect(await h.store.ttl(key)).toBe(60_000);
  });
});
