import { afterEach, describe, expect, it } from '@jest/globals';
import { newSession, sessionHarness } from './session-fixtures.js';

describe('SessionService revocation, rotation and updates', () => {
  let h = sessionHarness();
  afterEach(async () => {
    await h.close();
    h = sessionHarness();
  });

  it('revoke ends one session by public id and leaves the others', async () => {
    const a = await h.service.create(newSession());
    const b = await h.service.create(newSession());
    expect(await h.service.revoke('user-1', a.session.id)).toBe(true);
    expect(await h.service.resolve(a.token)).toBeNull();
    expect(await h.service.resolve(b.token)).not.toBeNull();
    expect(await h.service.revoke('user-1', a.session.id)).toBe(false);
  });

  it("revoke cannot end another user's session", async () => {
    const mine = await h.service.create(newSession());
    expect(await h.service.revoke('user-2', mine.session.id)).toBe(false);
    expect(await h.service.resolve(mine.token)).not.toBeNull();
  });

  it('list shows the live sessions newest first and drops ended ones', async () => {
    const a = await h.service.create(newSession());
    h.advance(1_000);
    const b = await h.service.create(newSession());
    await h.service.create(newSession({ userId: 'user-2' }));
    expect((await h.service.list('user-1')).map((s) => s.id)).toEqual([b.session.id, a.session.id]);
    await h.service.revokeByToken(b.token);
    expect((await h.service.list('user-1')).map((s) => s.id)).toEqual([a.session.id]);
  });

  it('revokeAll ends every session of the user, or all but one', async () => {
    const keep = await h.service.create(newSession());
    const others = await Promise.all([h.service.create(newSession()), h.service.create(newSession())]);
    const stranger = await h.service.create(newSession({ userId: 'user-2' }));
    expect(await h.service.revokeAll('user-1', { exceptSessionId: keep.session.id })).toBe(2);
    for (const other of others) expect(await h.service.resolve(other.token)).toBeNull();
    expect(await h.service.resolve(keep.token)).not.toBeNull();
    expect(await h.service.revokeAll('user-1')).toBe(1);
    expect(await h.service.resolve(keep.token)).toBeNull();
    expect(await h.service.resolve(stranger.token)).not.toBeNull();
  });

  it('revokeByToken is logout: the token stops working; unknown or garbage tokens answer false', async () => {
    const { token } = await h.service.create(newSession());
    expect(await h.service.revokeByToken(token)).toBe(true);
    expect(await h.service.resolve(token)).toBeNull();
    expect(await h.service.revokeByToken(token)).toBe(false);
    expect(await h.service.revokeByToken('not a token')).toBe(false);
  });

  it('revokeForProvider ends only the sessions that depend on that provider', async () => {
    const genesys = await h.service.create(newSession({ providers: ['genesys'] }));
    const both = await h.service.create(newSession({ providers: ['calcom', 'genesys'] }));
    const calcom = await h.service.create(newSession({ providers: ['calcom'] }));
    expect(await h.service.revokeForProvider('user-1', 'genesys')).toBe(2);
    expect(await h.service.resolve(genesys.token)).toBeNull();
    expect(await h.service.resolve(both.token)).toBeNull();
    expect(await h.service.resolve(calcom.token)).not.toBeNull();
  });

  it('revokeForProvider leaves a marker naming the provider for as long as the session would have lived; logout removes it', async () => {
    const ended = await h.service.create(newSession({ providers: ['genesys'] }));
    const kept = await h.service.create(newSession({ providers: ['calcom'] }));
    await h.service.revokeForProvider('user-1', 'genesys');
    expect(await h.service.resolve(ended.token)).toBeNull();
    expect(await h.service.endedFor(ended.token)).toBe('genesys');
    expect(await h.service.endedFor(kept.token)).toBeNull();
    expect(await h.service.endedFor('not a token')).toBeNull();
    expect((await h.service.list('user-1')).map((s) => s.id)).toEqual([kept.session.id]);
    await h.service.revokeByToken(ended.token);
    expect(await h.service.endedFor(ended.token)).toBeNull();
  });

  it('rotate issues a new token for the same session and kills the old one', async () => {
    const old = await h.service.create(newSession());
    h.advance(5_000);
    const rotated = await h.service.rotate(old.token);
    expect(rotated.token).not.toBe(old.token);
    expect(rotated.session).toMatchObject({ id: old.session.id, absoluteExpiresAt: old.session.absoluteExpiresAt, lastSeenAt: h.clock.now });
    expect(await h.service.resolve(old.token)).toBeNull();
    expect(await h.service.resolve(rotated.token)).toMatchObject({ id: old.session.id });
    expect(await h.service.list('user-1')).toHaveLength(1);
    await expect(h.service.rotate(old.token)).rejects.toMatchObject({ status: 401, code: 'unauthenticated' });
  });

  it('update adds a linked provider and changes roles without extending the session', async () => {
    const { token, session } = await h.service.create(newSession({ providers: ['genesys'] }));
    const updated = await h.service.update(token, { providers: [...session.providers, 'calcom', 'genesys'], roles: ['ops'] });
    expect(updated).toMatchObject({ providers: ['genesys', 'calcom'], roles: ['ops'], absoluteExpiresAt: session.absoluteExpiresAt });
    expect(await h.service.resolve(token)).toMatchObject({ providers: ['genesys', 'calcom'], roles: ['ops'] });
  });

  it('a rewrite racing a revoke does not bring the session back', async () => {
    const { token, session } = await h.service.create(newSession());
    const key = h.store.written.find((k) => k.startsWith('sess:'))!;
    // update() has read the record; the revoke lands just before its write.
    const realSet = h.store.set.bind(h.store);
    h.store.set = async (...args) => {
      h.store.set = realSet;
      await h.service.revoke('user-1', session.id);
      return realSet(...args);
    };
    expect(await h.service.update(token, { roles: ['ops'] })).toBeNull();
    expect(await h.store.get(key)).toBeNull();
    expect(await h.service.resolve(token)).toBeNull();
  });
});
