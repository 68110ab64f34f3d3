import type { TokenSet } from '../../providers/provider-adapter.js';
import type { ValidAccessToken } from '../access-token.provider.js';
import type { LinkedAccountEntity } from '../linked-account.entity.js';
import type { LinkedAccountsService } from '../linked-accounts.service.js';
import { ConcurrentUpdateError } from '../token-errors.js';
import { ProviderNotLinkedError, ReauthRequiredError } from './refresh-errors.js';

type Accounts = Pick<LinkedAccountsService, 'findById' | 'readTokens' | 'readDpopKey' | 'replaceTokens'>;
const MAX_ATTEMPTS = 3;

/**
 * Stores freshly refreshed tokens before anyone uses them, version-checked. We hold
 * the refresh lock, so a version conflict is not another refresh: it is a key rotation
 * re-encrypting the row (same grant: write again on the fresh row), a new login that
 * replaced the grant (it wins: use its tokens), or the link being ended (give up; the
 * tokens we just got are dropped and simply expire).
 */
export async function persistRefreshed(accounts: Accounts, row: LinkedAccountEntity, usedRefreshToken: string, tokens: TokenSet): Promise<ValidAccessToken> {
  let current = row;
  for (let attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
    try {
      const saved = await accounts.replaceTokens(current, tokens);
      return { accessToken: tokens.accessToken, account: saved, ...(tokens.dpop ? { dpop: tokens.dpop } : {}) };
    } catch (error) {
      if (!(error instanceof ConcurrentUpdateError)) throw error;
    }
    const fresh = await accounts.findById(row.id);
    if (!fresh) throw new ProviderNotLinkedError(row.provider);
    if (fresh.status === 'refresh_failed') throw new ReauthRequiredError(row.provider);
    if (fresh.status !== 'active') throw new ProviderNotLinkedError(row.provider);
    const stored = accounts.readTokens(fresh);
    if (stored.refreshToken !== usedRefreshToken) {
      const dpop = fresh.dpopKeyCiphertext ? await accounts.readDpopKey(fresh) : undefined;
      return { accessToken: stored.accessToken, account: fresh, ...(dpop ? { dpop } : {}) };
    }
    current = fresh;
  }
  throw new ConcurrentUpdateError();
}
