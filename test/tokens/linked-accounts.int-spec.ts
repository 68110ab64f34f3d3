import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { UserEntity } from '../../src/users/user.entity.js';
import { openTokensHarness, storageTargets, tokenSet, uniqueSubject, type TokensHarness } from './tokens-harness.js';

describe.each(storageTargets)('LinkedAccountsService: %s', (_name, makeConfig) => {
  let h: TokensHarness;
  beforeAll(async () => {
    h = await openTokensHarness(makeConfig);
  }, 60_000);
  afterAll(async () => h.close());

  const link = (userId: string, subject = uniqueSubject(), provider = 'genesys', tokens = tokenSet()) =>
    h.service.link({ userId, provider, subject, scopes: tokens.scopes, grantType: 'authorization_code', tokens });

  it('links an account and finds it by subject, by user and provider, and in the user list', async () => {
    const userId = await h.newUser();
    const tokens = tokenSet({ extra: { meetingId: 'm-1' } });
    const account = await link(userId, 'subject-a', 'genesys', tokens);
    expect(account).toMatchObject({ userId, provider: 'genesys', subject: 'subject-a', status: 'active', keyId: 'k1', version: 1, extra: { meetingId: 'm-1' } });
    expect(account.accessExpiresAt?.getTime()).toBe(tokens.expiresAt?.getTime());

    expect((await h.service.findBySubject('genesys', 'subject-a'))?.id).toBe(account.id);
    expect(await h.service.findBySubject('calcom', 'subject-a')).toBeNull();
    expect((await h.service.findForUser(userId, 'genesys'))?.id).toBe(account.id);
    expect(await h.service.findForUser(userId, 'calcom')).toBeNull();
    const second = await link(userId, uniqueSubject(), 'calcom');
    expect((await h.service.listForUser(userId)).map((a) => a.id)).toEqual([second.id, account.id]); // by provider name
    expect(h.service.readTokens(account)).toEqual({ accessToken: tokens.accessToken, refreshToken: tokens.refreshToken });
  });

  it('re-linking by the same user replaces the tokens and reactivates the link', async () => {
    const userId = await h.newUser();
    const first = await link(userId);
    await h.service.setStatus(first.id, 'refresh_failed');
    const fresh = tokenSet({ refreshToken: undefined, scopes: ['openid'] });
    const again = await link(userId, first.subject, 'genesys', fresh);
    expect(again).toMatchObject({ id: first.id, status: 'active', scopes: ['openid'], refreshTokenCiphertext: null, refreshExpiresAt: fresh.refreshExpiresAt });
    expect(again.version).toBe(first.version + 2); // setStatus and the re-link each bumped it
    expect(h.service.readTokens(again)).toEqual({ accessToken: fresh.accessToken });
  });

  it('refuses an upstream account already linked to another user (409) and leaves that link alone', async () => {
    const [owner, intruder] = [await h.newUser(), await h.newUser()];
    const original = await link(owner);
    await expect(link(intruder, original.subject)).rejects.toMatchObject({ code: 'account_linked_elsewhere', status: 409 });
    const after = await h.service.findBySubject('genesys', original.subject);
    expect(after).toMatchObject({ userId: owner, version: original.version, accessTokenCiphertext: original.accessTokenCiphertext });
    expect(await h.service.listForUser(intruder)).toEqual([]);
  });

  it('concurrent first logins of one upstream account end with one row, not a unique-violation error', async () => {
    const userId = await h.newUser();
    const subject = uniqueSubject();
    const results = await Promise.all([link(userId, subject), link(userId, subject), link(userId, subject)]);
    expect(new Set(results.map((r) => r.id)).size).toBe(1);
    expect(await h.service.listForUser(userId)).toHaveLength(1);
  });

  it('replaceTokens is version-checked: a stale copy gets 409 concurrent_update and writes nothing', async () => {
    const account = await link(await h.newUser());
    const refreshed = tokenSet();
    const winner = await h.service.replaceTokens(account, refreshed);
    expect(winner.version).toBe(account.version + 1);
    await expect(h.service.replaceTokens(account, tokenSet())).rejects.toMatchObject({ code: 'concurrent_update', status: 409 });
    const stored = await h.service.findBySubject('genesys', account.subject);
    expect(h.service.readTokens(stored!)).toEqual({ accessToken: refreshed.accessToken, refreshToken: refreshed.refreshToken });
  });

  it('replaceTokens keeps the refresh token, its expiry and the scopes when the provider sends none', async () => {
    const original = tokenSet();
    const account = await link(await h.newUser(), uniqueSubject(), 'genesys', original);
    await h.service.setStatus(account.id, 'refresh_failed');
    const current = (await h.service.findBySubject('genesys', account.subject))!;
    const updated = await h.service.replaceTokens(current, { accessToken: 'plain-access-next', scopes: [] });
    expect(updated).toMatchObject({ status: 'active', scopes: original.scopes, refreshExpiresAt: original.refreshExpiresAt, accessExpiresAt: null });
    expect(h.service.readTokens(updated)).toEqual({ accessToken: 'plain-access-next', refreshToken: original.refreshToken });
  });

  it('setStatus bumps the version, so a refresh racing a revocation loses', async () => {
    const account = await link(await h.newUser());
    await h.service.setStatus(account.id, 'revoked');
    expect((await h.service.findBySubject('genesys', account.subject))?.status).toBe('revoked');
    await expect(h.service.replaceTokens(account, tokenSet())).rejects.toMatchObject({ code: 'concurrent_update' });
  });

  it('unlink returns the row and its tokens decrypted before deletion, then the row is gone', async () => {
    const userId = await h.newUser();
    const tokens = tokenSet();
    const account = await link(userId, uniqueSubject(), 'phonecom', tokens);
    const removed = await h.service.unlink(userId, 'phonecom');
    expect(removed?.account.id).toBe(account.id);
    expect(removed?.tokens).toEqual({ accessToken: tokens.accessToken, refreshToken: tokens.refreshToken });
    expect(await h.service.findBySubject('phonecom', account.subject)).toBeNull();
    expect(await h.service.unlink(userId, 'phonecom')).toBeNull();
  });

  it('unlink still removes a link whose tokens no longer decrypt (nothing to revoke: tokens null)', async () => {
    const userId = await h.newUser();
    const account = await link(userId, uniqueSubject(), 'calcom');
    await h.dataSource.query(`UPDATE linked_accounts SET access_token_ciphertext = refresh_token_ciphertext WHERE id = $1`, [account.id]);
    const removed = await h.service.unlink(userId, 'calcom');
    expect(removed).toMatchObject({ account: { id: account.id }, tokens: null });
    expect(await h.service.findForUser(userId, 'calcom')).toBeNull();
  });

  it('deleting the user deletes their links (ON DELETE CASCADE)', async () => {
    const userId = await h.newUser();
    const account = await link(userId);
    await h.dataSource.getRepository(UserEntity).delete({ id: userId });
    expect(await h.service.findBySubject('genesys', account.subject)).toBeNull();
  });
});
