import type { LinkedAccountEntity } from './linked-account.entity.js';
import type { TokenCipher } from './token-cipher.js';

/** A linked account's tokens in the clear: only ever held in memory, never logged or stored. */
export interface StoredTokens {
  accessToken: string;
  refreshToken?: string;
}

/** The encrypted columns of a linked_accounts row. */
export interface SealedTokens {
  accessTokenCiphertext: string;
  refreshTokenCiphertext: string | null;
  keyId: string;
}

type SealedRow = Pick<LinkedAccountEntity, 'id' | 'provider' | 'accessTokenCiphertext' | 'refreshTokenCiphertext'>;

/**
 * Seals both tokens of one row under the active key. Both always share one key id,
 * which goes into `key_id` so keys:rotate can find rows still on an old key.
 */
export function sealTokens(cipher: TokenCipher, accountId: string, provider: string, tokens: StoredTokens): SealedTokens {
  const accessTokenCiphertext = cipher.encrypt(tokens.accessToken, { accountId, provider, field: 'access' });
  const refreshTokenCiphertext =
    tokens.refreshToken === undefined ? null : cipher.encrypt(tokens.refreshToken, { accountId, provider, field: 'refresh' });
  return { accessTokenCiphertext, refreshTokenCiphertext, keyId: cipher.keyIdOf(accessTokenCiphertext) };
}

/** Opens only the access token: what a call to the provider's API needs (one decryption, not two). */
export function openAccessToken(cipher: TokenCipher, row: SealedRow): string {
  return cipher.decrypt(row.accessTokenCiphertext, { accountId: row.id, provider: row.provider, field: 'access' });
}

/** Opens both tokens of a row; throws TokenDecryptError if either does not authenticate. */
export function openTokens(cipher: TokenCipher, row: SealedRow): StoredTokens {
  const binding = { accountId: row.id, provider: row.provider };
  const accessToken = openAccessToken(cipher, row);
  if (row.refreshTokenCiphertext === null) return { accessToken };
  return { accessToken, refreshToken: cipher.decrypt(row.refreshTokenCiphertext, { ...binding, field: 'refresh' }) };
}
