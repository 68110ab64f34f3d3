import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { randomBytes } from 'node:crypto';
import { DpopKey } from '../../src/providers/dpop/dpop-key.js';
import { MemoryKvStore } from '../../src/redis/memory-kv-store.js';
import { KeyRing } from '../../src/tokens/key-ring.js';
import { LinkedAccountEntity } from '../../src/tokens/linked-account.entity.js';
import { LinkedAccountsService } from '../../src/tokens/linked-accounts.service.js';
import { rotateKeys } from '../../src/tokens/rotate-keys.js';
import { TokenCipher } from '../../src/tokens/token-cipher.js';
import { openTokensHarness, storageTargets, tokenSet, uniqueSubject, type TokensHarness } from './tokens-harness.js';

/** The per-link DPoP private key (RFC 9449) at rest: sealed like the tokens, bound to its row, rotated with them. */
describe.each(storageTargets)('DPoP key storage: %s', (_name, makeConfig) => {
  let h: TokensHarness;
  beforeAll(async () => {
    h = await openTokensHarness(makeConfig);
  }, 60_000);
  afterAll(async () => h.close());

  const link = async (dpop?: DpopKey) => {
    const tokens = tokenSet({ dpop });
    return h.service.link({ userId: await h.newUser(), provider: 'oidc', subject: uniqueSubject(), scopes: tokens.scopes, grantType: 'authorization_code', tokens });
  };
  const rawRow = async (id: string) => (await h.dataSource.query('SELECT * FROM linked_accounts WHERE id = $1', [id]))[0];
  const serviceWith = (ring: KeyRing) => new LinkedAccountsService(h.dataSource.getRepository(LinkedAccountEntity), new TokenCipher(ring), new MemoryKvStore());
  const thumbprintOf = async (service: LinkedAccountsService, account: LinkedAccountEntity) => (await service.readDpopKey(account))?.thumbprint();

  it('is sealed under the row key, never stored in the clear, and opens to the same key', async () => {
    const key = await DpopKey.generate();
    const account = await link(key);
    const row = await rawRow(account.id);
    expect(row.dpop_key_ciphertext).toMatch(/^v1\.k1\./);
    const privatePart = JSON.parse(key.serialize()).d as string;
    expect(JSON.stringify(row)).not.toContain(privatePart);
    expect(await thumbprintOf(h.service, account)).toBe(await key.thumbprint());
    expect(JSON.stringify(await h.service.readDpopKey(account))).not.toContain(privatePart);
  });

  it('a bearer link has none', async () => {
    const account = await link();
    expect((await rawRow(account.id)).dpop_key_ciphertext).toBeNull();
    expect(await h.service.readDpopKey(account)).toBeUndefined();
  });

  it('copied into another row, or into the access-token column, it does not decrypt', async () => {
    const victim = await link(await DpopKey.generate());
    const attacker = await link(await DpopKey.generate());
    await h.dataSource.query(`UPDATE linked_accounts SET dpop_key_ciphertext = (SELECT dpop_key_ciphertext FROM linked_accounts WHERE id = $1) WHERE id = $2`, [victim.id, attacker.id]);
    const tampered = (await h.service.findById(attacker.id))!;
    await expect(h.service.readDpopKey(tampered)).rejects.toMatchObject({ code: 'token_decrypt_failed' });
    await h.dataSource.query(`UPDATE linked_accounts SET access_token_ciphertext = dpop_key_ciphertext WHERE id = $1`, [victim.id]);
    const swapped = (await h.service.findById(victim.id))!;
    expect(() => h.service.readAccessToken(swapped)).toThrow(expect.objectContaining({ code: 'token_decrypt_failed' }));
  });

  it('a refresh keeps the key the new token is bound to, and a bearer answer clears it', async () => {
    const key = await DpopKey.generate();
    const account = await link(key);
    const refreshed = await h.service.replaceTokens(account, tokenSet({ dpop: key }));
    expect(await thumbprintOf(h.service, refreshed)).toBe(await key.thumbprint());
    const bearer = await h.service.replaceTokens(refreshed, tokenSet());
    expect(bearer.dpopKeyCiphertext).toBeNull();
  });

  it('keys:rotate re-seals it under the new key with the tokens', async () => {
    await h.dataSource.query('DELETE FROM linked_accounts');
    const keys = await Promise.all([DpopKey.generate(), DpopKey.generate(), DpopKey.generate()]);
    const accounts = await Promise.all([...keys.map((key) => link(key)), link()]);
    const k2 = { kid: 'k2', key: randomBytes(32) };
    expect(await rotateKeys(h.dataSource, new KeyRing([k2, h.keyRing.active]), { batchSize: 2 })).toEqual({ rotated: 4, skipped: 0, undecryptable: 0 });

    const onlyNewKey = serviceWith(new KeyRing([k2]));
    for (const [i, account] of accounts.entries()) {
      const stored = (await onlyNewKey.findById(account.id))!;
      expect(stored.keyId).toBe('k2');
      if (i < keys.length) {
        expect(stored.dpopKeyCiphertext).toMatch(/^v1\.k2\./);
        expect(await thumbprintOf(onlyNewKey, stored)).toBe(await keys[i].thumbprint());
      } else {
        expect(stored.dpopKeyCiphertext).toBeNull();
      }
    }
  });
});
