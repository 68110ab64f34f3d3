import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { randomBytes } from 'node:crypto';
import { MemoryKvStore } from '../../src/redis/memory-kv-store.js';
import { KeyRing } from '../../src/tokens/key-ring.js';
import { LinkedAccountEntity } from '../../src/tokens/linked-account.entity.js';
import { LinkedAccountsService } from '../../src/tokens/linked-accounts.service.js';
import { rotateKeys } from '../../src/tokens/rotate-keys.js';
import { TokenCipher } from '../../src/tokens/token-cipher.js';
import { openTokensHarness, storageTargets, tokenSet, uniqueSubject, type TokensHarness } from './tokens-harness.js';

/** Tokens at rest, read behind the service's back with raw SQL (SECURITY.md #20, issue 4 "done when"). */
describe.each(storageTargets)('token storage at rest: %s', (_name, makeConfig) => {
  let h: TokensHarness;
  beforeAll(async () => {
    h = await openTokensHarness(makeConfig);
  }, 60_000);
  afterAll(async () => h.close());

  const link = async (provider = 'genesys', tokens = tokenSet()) =>
    h.service.link({ userId: await h.newUser(), provider, subject: uniqueSubject(), scopes: tokens.scopes, grantType: 'authorization_code', tokens });
  const rawRow = async (id: string) => (await h.dataSource.query('SELECT * FROM linked_accounts WHERE id = $1', [id]))[0];
  const serviceWith = (ring: KeyRing) => new LinkedAccountsService(h.dataSource.getRepository(LinkedAccountEntity), new TokenCipher(ring), new MemoryKvStore());

  it('no column of the row holds a plaintext token (or a recognisable part of one)', async () => {
    const tokens = tokenSet({ extra: { note: 'non-secret' } });
    const account = await link('genesys', tokens);
    const text = JSON.stringify(await rawRow(account.id));
    for (const secret of [tokens.accessToken, tokens.refreshToken!]) {
      expect(text).not.toContain(secret);
      expect(text).not.toContain(secret.slice(-12)); // the uuid tail
      expect(text).not.toContain(Buffer.from(secret).toString('base64').slice(0, 16));
    }
    const row = await rawRow(account.id);
    expect(row.access_token_ciphertext).toMatch(/^v1\.k1\./);
    expect(row.refresh_token_ciphertext).toMatch(/^v1\.k1\./);
    expect(row.key_id).toBe('k1');
  });

  it('a ciphertext copied into another row does not decrypt there', async () => {
    const victim = await link('genesys');
    const attacker = await link('genesys');
    await h.dataSource.query(
      `UPDATE linked_accounts SET access_token_ciphertext = (SELECT access_token_ciphertext FROM linked_accounts WHERE id = $1) WHERE id = $2`,
      [victim.id, attacker.id],
    );
    const tampered = (await h.service.findBySubject('genesys', attacker.subject))!;
    expect(tampered.accessTokenCiphertext).toBe(victim.accessTokenCiphertext);
    expect(() => h.service.readTokens(tampered)).toThrow(expect.objectContaining({ code: 'token_decrypt_failed' }));
    expect(h.service.readTokens(victim).accessToken).toBeDefined(); // the original still opens in its own row
  });

  it('access and refresh ciphertexts swapped within a row do not decrypt', async () => {
    const account = await link('calcom');
    await h.dataSource.query(
      `UPDATE linked_accounts SET access_token_ciphertext = refresh_token_ciphertext, refresh_token_ciphertext = access_token_ciphertext WHERE id = $1`,
      [account.id],
    );
    const swapped = (await h.service.findBySubject('calcom', account.subject))!;
    expect(() => h.service.readTokens(swapped)).toThrow(expect.objectContaining({ code: 'token_decrypt_failed' }));
  });

  it('after rotateKeys with a new active key every row carries the new kid and still decrypts, even without the old key', async () => {
    // Clean slate of decryptable rows: the tampering tests above left undecryptable ones.
    await h.dataSource.query('DELETE FROM linked_accounts');
    const sets = Array.from({ length: 5 }, () => tokenSet());
    const accounts = await Promise.all(sets.map((tokens, i) => link(i % 2 ? 'genesys' : 'bluejeans', tokens)));
    const k2 = { kid: 'k2', key: randomBytes(32) };
    const rotatedRing = new KeyRing([k2, h.keyRing.active]);

    // The running service (old ring) keeps working before, and new-ring readers during, the rotation.
    expect(serviceWith(rotatedRing).readTokens(accounts[0]).accessToken).toBe(sets[0].accessToken);
    const result = await rotateKeys(h.dataSource, rotatedRing, { batchSize: 2 });
    expect(result).toEqual({ rotated: 5, skipped: 0, undecryptable: 0 });

    const rows: { key_id: string; access_token_ciphertext: string; updated_at: Date; id: string }[] = await h.dataSource.query(
      'SELECT id, key_id, access_token_ciphertext, updated_at FROM linked_accounts',
    );
    expect(rows).toHaveLength(5);
    for (const row of rows) {
      expect(row.key_id).toBe('k2');
      expect(row.access_token_ciphertext).toMatch(/^v1\.k2\./);
    }
    const onlyNewKey = serviceWith(new KeyRing([k2]));
    for (const [i, account] of accounts.entries()) {
      const stored = (await onlyNewKey.findBySubject(account.provider, account.subject))!;
      expect(onlyNewKey.readTokens(stored)).toEqual({ accessToken: sets[i].accessToken, refreshToken: sets[i].refreshToken });
      expect(stored.version).toBe(account.version + 1);
      expect(stored.updatedAt.getTime()).toBe(account.updatedAt.getTime()); // re-encryption is not a user-visible change
    }
    expect(await rotateKeys(h.dataSource, rotatedRing, { batchSize: 2 })).toEqual({ rotated: 0, skipped: 0, undecryptable: 0 });
  });

  it('rows refreshed while the rotation runs end under the new key holding the newest tokens', async () => {
    await h.dataSource.query('DELETE FROM linked_accounts');
    const accounts = await Promise.all(Array.from({ length: 6 }, () => link('genesys')));
    const k4 = { kid: 'k4', key: randomBytes(32) };
    const ring = new KeyRing([k4, h.keyRing.active]);
    const refresher = serviceWith(ring); // instances already deployed with the new TOKEN_KEYS
    const latest = accounts.map(() => tokenSet());
    // What the refresh logic does on concurrent_update: re-read the row and write again.
    const refresh = async (account: LinkedAccountEntity, i: number) => {
      try {
        await refresher.replaceTokens(account, latest[i]);
      } catch (error) {
        expect(error).toMatchObject({ code: 'concurrent_update' });
        await refresher.replaceTokens((await refresher.findBySubject('genesys', account.subject))!, latest[i]);
      }
    };
    const [result] = await Promise.all([rotateKeys(h.dataSource, ring, { batchSize: 1 }), ...accounts.map(refresh)]);
    expect(result.skipped).toBe(0);

    const onlyNewKey = serviceWith(new KeyRing([k4]));
    for (const [i, account] of accounts.entries()) {
      const stored = (await onlyNewKey.findBySubject('genesys', account.subject))!;
      expect(stored.keyId).toBe('k4');
      expect(onlyNewKey.readTokens(stored)).toEqual({ accessToken: latest[i].accessToken, refreshToken: latest[i].refreshToken });
    }
  });

  it('rotateKeys reports rows it cannot open instead of failing the run, and leaves them as they were', async () => {
    await h.dataSource.query('DELETE FROM linked_accounts');
    const orphanRing = new KeyRing([{ kid: 'lost', key: randomBytes(32) }]);
    const orphan = await serviceWith(orphanRing).link({
      userId: await h.newUser(), provider: 'genesys', subject: uniqueSubject(), scopes: [], grantType: 'authorization_code', tokens: tokenSet(),
    });
    const healthy = await link('genesys');
    const result = await rotateKeys(h.dataSource, new KeyRing([{ kid: 'k3', key: randomBytes(32) }, h.keyRing.active]), { batchSize: 1 });
    expect(result).toEqual({ rotated: 1, skipped: 1, undecryptable: 1 });
    expect((await rawRow(orphan.id)).key_id).toBe('lost');
    expect((await rawRow(healthy.id)).key_id).toBe('k3');
  });
});
