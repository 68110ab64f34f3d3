import type { LinkedAccountEntity } from './linked-account.entity.js';
import type { TokenCipher } from './token-cipher.js';

/** A linked account's tokens in the clear: only ever held in memory, never logged or stored. */
export interface StoredTokens {
  accessToken: string;
  refreshToken?: string;
  /** The DPoP private key (serialized private JWK) the access token is bound to; secret like a token. */
  dpopKey?: string;
}

/** The encrypted columns of a linked_accounts row. */
export interface SealedTokens {
  accessTokenCiphertext: string;
  refreshTokenCiphertext: string | null;
  dpopKeyCiphertext: string | null;
  keyId: string;
}

type SealedRow = Pick<LinkedAccountEntity, 'id' | 'provider' | 'accessTokenCiphertext' | 'refreshTokenCiphertext'> & Partial<Pick<LinkedAccountEntity, 'dpopKeyCiphertext'>>;

/**
 * Seals the tokens (and DPoP key) of one row under the active key. They always share one
 * key id, which goes into `key_id` so keys:rotate can find rows still on an old key.
 */
export function sealTokens(cipher: TokenCipher, accountId: string, provider: string, tokens: StoredTokens): SealedTokens {
  const binding = { accountId, provider };
  const accessTokenCiphertext = cipher.encrypt(tokens.accessToken, { ...binding, field: 'access' });
  const refreshTokenCiphertext = tokens.refreshToken === undefined ? null : cipher.encrypt(tokens.refreshToken, { ...binding, field: 'refresh' });
  const dpopKeyCiphertext = tokens.dpopKey === undefined ? null : cipher.encrypt(tokens.dpopKey, { ...binding, field: 'dpop_key' });
  return { accessTokenCiphertext, refreshTokenCiphertext, dpopKeyCiphertext, keyId: cipher.keyIdOf(accessTokenCiphertext) };
}

/** Opens only the access token: what a call to the provider's API needs (one decryption, not two). */
export function openAccessToken(cipher: TokenCipher, row: SealedRow): string {
  return cipher.decrypt(row.accessTokenCiphertext, { accountId: row.id, provider: row.provider, field: 'access' });
}

/** Opens only the DPoP key (serialized private JWK); undefined for a bearer-token row. */
export function openDpopKey(cipher: TokenCipher, row: SealedRow): string | undefined {
  if (!row.dpopKeyCiphertext) return undefined;
  return cipher.decrypt(row.dpopKeyCiphertext, { accountId: row.id, provider: row.provider, field: 'dpop_key' });
}

/** Opens everything sealed in a row; throws TokenDecryptError if any part does not authenticate. */
export function openTokens(cipher: TokenCipher, row: SealedRow): StoredTokens {
  const binding = { accountId: row.id, provider: row.provider };
  const tokens: StoredTokens = { accessToken: openAccessToken(cipher, row) };
  if (row.refreshTokenCiphertext !== null) tokens.refreshToken = cipher.decrypt(row.refreshTokenCiphertext, { ...binding, field: 'refresh' });
  const dpopKey = openDpopKey(cipher, row);
  if (dpopKey !== undefined) tokens.dpopKey = dpopKey;
  return tokens;
}
