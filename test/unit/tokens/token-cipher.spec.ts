import { describe, expect, it } from '@jest/globals';
import { randomBytes, randomUUID } from 'node:crypto';
import { KeyRing } from '../../../src/tokens/key-ring.js';
import { TokenCipher, type TokenBinding } from '../../../src/tokens/token-cipher.js';
import { TokenDecryptError } from '../../../src/tokens/token-errors.js';

const ring = (...kids: string[]) => new KeyRing(kids.map((kid) => ({ kid, key: randomBytes(32) })));
const binding = (overrides: Partial<TokenBinding> = {}): TokenBinding => ({
  accountId: '7b0c8d0e-6d1f-4c53-9d55-6a1f1f0b9e10',
  provider: 'genesys',
  field: 'access',
  ...overrides,
});

/** Asserts decryption fails with the stable code, and the error reveals no part of the envelope. */
function expectDecryptFailure(run: () => unknown, envelope: string, reason: string): void {
  let caught: unknown;
  try {
    run();
  } catch (error) {
    caught = error;
  }
  expect(caught).toBeInstanceOf(TokenDecryptError);
  const error = caught as TokenDecryptError;
  expect(error).toMatchObject({ code: 'token_decrypt_failed', status: 500, extra: { reason } });
  for (const part of envelope.split('.').slice(2)) if (part.length > 4) expect(error.message).not.toContain(part);
}

describe('TokenCipher', () => {
  it('round-trips a token and produces the v1.<kid>.<iv>.<ct>.<tag> envelope', () => {
    const cipher = new TokenCipher(ring('k1'));
    const token = `at-${randomUUID()}-ünïcode`;
    const envelope = cipher.encrypt(token, binding());
    expect(envelope).toMatch(/^v1\.k1\.[\w-]{16}\.[\w-]+\.[\w-]{22}$/);
    expect(envelope).not.toContain(token);
    expect(cipher.decrypt(envelope, binding())).toBe(token);
    expect(cipher.keyIdOf(envelope)).toBe('k1');
  });

  it('uses a fresh IV every time, so equal tokens give unrelated ciphertexts', () => {
    const cipher = new TokenCipher(ring('k1'));
    const envelopes = Array.from({ length: 50 }, () => cipher.encrypt('same-token', binding()));
    const ivs = envelopes.map((e) => e.split('.')[2]);
    expect(new Set(ivs).size).toBe(50);
    expect(new Set(envelopes.map((e) => e.split('.')[3])).size).toBe(50);
  });

  it('rejects a tampered ciphertext, tag or IV', () => {
    const cipher = new TokenCipher(ring('k1'));
    const envelope = cipher.encrypt('secret-access-token', binding());
    const parts = envelope.split('.');
    for (const index of [2, 3, 4]) {
      const bytes = Buffer.from(parts[index], 'base64url');
      bytes[0] ^= 0x01;
      const tampered = [...parts.slice(0, index), bytes.toString('base64url'), ...parts.slice(index + 1)].join('.');
      expectDecryptFailure(() => cipher.decrypt(tampered, binding()), tampered, 'authentication_failed');
    }
  });

  it.each([
    ['another row id', { accountId: randomUUID() }],
    ['another provider', { provider: 'calcom' }],
    ['the other column (access <-> refresh)', { field: 'refresh' as const }],
  ])('does not decrypt when bound to %s', (_what, other) => {
    const cipher = new TokenCipher(ring('k1'));
    const envelope = cipher.encrypt('secret-access-token', binding());
    expectDecryptFailure(() => cipher.decrypt(envelope, binding(other)), envelope, 'authentication_failed');
  });

  it('rejects a kid relabelled to another key in the ring (the kid is authenticated too)', () => {
    const keys = ring('k2', 'k1');
    const cipher = new TokenCipher(keys);
    const envelope = cipher.encrypt('secret-access-token', binding());
    const relabelled = envelope.replace(/^v1\.k2\./, 'v1.k1.');
    expectDecryptFailure(() => cipher.decrypt(relabelled, binding()), relabelled, 'authentication_failed');
  });

  it('fails with unknown_key when the kid is not in the ring', () => {
    const envelope = new TokenCipher(ring('gone')).encrypt('secret-access-token', binding());
    expectDecryptFailure(() => new TokenCipher(ring('k1')).decrypt(envelope, binding()), envelope, 'unknown_key');
  });

  it('decrypts envelopes of an older key while encrypting under the active one', () => {
    const old = { kid: 'old', key: randomBytes(32) };
    const sealedByOld = new TokenCipher(new KeyRing([old])).encrypt('legacy-token', binding());
    const rotated = new TokenCipher(new KeyRing([{ kid: 'new', key: randomBytes(32) }, old]));
    expect(rotated.decrypt(sealedByOld, binding())).toBe('legacy-token');
    expect(rotated.keyIdOf(rotated.encrypt('fresh', binding()))).toBe('new');
  });

  it.each(['', 'plaintext-token', 'v2.k1.a.b.c', 'v1.k1.AAAA.AAAA.AAAA', 'v1..AAAAAAAAAAAAAAAA.AA.AAAAAAAAAAAAAAAAAAAAAA', 'v1.k1.!!.AA.AA.extra'])(
    'rejects the malformed envelope %j',
    (envelope) => {
      expectDecryptFailure(() => new TokenCipher(ring('k1')).decrypt(envelope, binding()), envelope, 'malformed');
    },
  );
});
