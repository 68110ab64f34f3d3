import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { randomBytes, randomUUID } from 'node:crypto';
import { ClientApplicationEntity } from '../../src/clients/registry/client-application.entity.js';
import { ClientRegistryService } from '../../src/clients/registry/client-registry.service.js';
import { KeyRing } from '../../src/tokens/key-ring.js';
import { rotateKeys } from '../../src/tokens/rotate-keys.js';
import { TokenCipher } from '../../src/tokens/token-cipher.js';
import { openTokensHarness, storageTargets, type TokensHarness } from './tokens-harness.js';

/**
 * keys:rotate also re-seals the RFC 7592 registration access tokens of client
 * applications: once it reports `skipped 0`, removing the old key must not strand them.
 */
describe.each(storageTargets)('key rotation of client registration tokens: %s', (_name, makeConfig) => {
  let h: TokensHarness;
  beforeAll(async () => {
    h = await openTokensHarness(makeConfig);
  }, 60_000);
  afterAll(async () => h.close());

  const registryWith = (ring: KeyRing) => new ClientRegistryService(h.dataSource, new TokenCipher(ring));
  const register = async (registry: ClientRegistryService, token?: string) =>
    registry.add({
      provider: 'generic',
      upstreamClientId: `client-${randomUUID()}`,
      ownerUserId: await h.newUser(),
      name: 'an app',
      facts: {},
      ...(token ? { registration: { accessToken: token, clientUri: 'https://idp.example/reg/1' } } : {}),
    });
  const rawRow = async (id: string) =>
    ((await h.dataSource.query('SELECT key_id, registration_token_ciphertext, updated_at FROM client_applications WHERE id = $1', [id])) as { key_id: string | null; registration_token_ciphertext: string | null; updated_at: Date }[])[0]!;

  it('re-seals every registration token under the active key; they open without the old key, and a second run has nothing to do', async () => {
    await h.dataSource.query('DELETE FROM linked_accounts');
    const tokens = [`reg-${randomUUID()}`, `reg-${randomUUID()}`, `reg-${randomUUID()}`];
    const apps = await Promise.all(tokens.map((token) => register(registryWith(h.keyRing), token)));
    const withoutRegistration = await register(registryWith(h.keyRing));
    const before = await Promise.all(apps.map((app) => rawRow(app.id)));
    const k2 = { kid: 'k2', key: randomBytes(32) };
    const ring = new KeyRing([k2, h.keyRing.active]);

    expect(await rotateKeys(h.dataSource, ring, { batchSize: 2 })).toEqual({ rotated: 3, skipped: 0, undecryptable: 0 });
    const onlyNewKey = registryWith(new KeyRing([k2]));
    for (const [i, app] of apps.entries()) {
      const row = await rawRow(app.id);
      expect(row.key_id).toBe('k2');
      expect(row.registration_token_ciphertext).toMatch(/^v1\.k2\./);
      expect(row.updated_at.getTime()).toBe(before[i]!.updated_at.getTime());
      const stored = await h.dataSource.getRepository(ClientApplicationEntity).findOneByOrFail({ id: app.id });
      expect(onlyNewKey.registrationAccessToken(stored)).toBe(tokens[i]);
    }
    expect((await rawRow(withoutRegistration.id)).registration_token_ciphertext).toBeNull();
    expect(await rotateKeys(h.dataSource, ring, { batchSize: 2 })).toEqual({ rotated: 0, skipped: 0, undecryptable: 0 });
  });

  it('a client update that read its row before the rotation does not put the old key back', async () => {
    await h.dataSource.query('DELETE FROM client_applications');
    const token = `reg-${randomUUID()}`;
    const app = await register(registryWith(h.keyRing), token);
    const readBeforeRotation = await h.dataSource.getRepository(ClientApplicationEntity).findOneByOrFail({ id: app.id });
    const k5 = { kid: 'k5', key: randomBytes(32) };
    const ring = new KeyRing([k5, h.keyRing.active]);
    expect(await rotateKeys(h.dataSource, ring, { batchSize: 1 })).toMatchObject({ rotated: 1, skipped: 0 });
    // ClientsService.update: the row is read, the upstream is called, then the new name is saved (no new registration).
    const saved = await registryWith(ring).update(readBeforeRotation, 'renamed', { description: 'new' });
    expect(saved?.name).toBe('renamed');
    expect((await rawRow(app.id)).key_id).toBe('k5');
    expect(registryWith(new KeyRing([k5])).registrationAccessToken(saved!)).toBe(token);
  });

  it('registrations rotated upstream while keys:rotate runs keep their newer tokens, all under the new key', async () => {
    await h.dataSource.query('DELETE FROM client_applications');
    const apps = await Promise.all(Array.from({ length: 6 }, () => register(registryWith(h.keyRing), `reg-${randomUUID()}`)));
    const k6 = { kid: 'k6', key: randomBytes(32) };
    const ring = new KeyRing([k6, h.keyRing.active]);
    const newer = apps.map(() => `reg-${randomUUID()}`);
    // Instances already on the new TOKEN_KEYS save a registration token the upstream rotated.
    const rotatedUpstream = apps.map((app, i) => registryWith(ring).update(app, app.name, app.facts, { accessToken: newer[i]! }));
    const [result] = await Promise.all([rotateKeys(h.dataSource, ring, { batchSize: 1 }), ...rotatedUpstream]);
    expect(result.skipped).toBe(0);
    const onlyNewKey = registryWith(new KeyRing([k6]));
    for (const [i, app] of apps.entries()) {
      const stored = await h.dataSource.getRepository(ClientApplicationEntity).findOneByOrFail({ id: app.id });
      expect(stored.keyId).toBe('k6');
      expect(onlyNewKey.registrationAccessToken(stored)).toBe(newer[i]);
    }
  });

  it('a registration token it cannot open is reported as skipped and left as it was', async () => {
    await h.dataSource.query('DELETE FROM linked_accounts');
    await h.dataSource.query('DELETE FROM client_applications');
    const orphan = await register(registryWith(new KeyRing([{ kid: 'lost', key: randomBytes(32) }])), `reg-${randomUUID()}`);
    const healthy = await register(registryWith(h.keyRing), `reg-${randomUUID()}`);
    const result = await rotateKeys(h.dataSource, new KeyRing([{ kid: 'k3', key: randomBytes(32) }, h.keyRing.active]), { batchSize: 1 });
    expect(result).toEqual({ rotated: 1, skipped: 1, undecryptable: 1 });
    expect((await rawRow(orphan.id)).key_id).toBe('lost');
    expect((await rawRow(healthy.id)).key_id).toBe('k3');
  });
});
