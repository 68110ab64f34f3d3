import { Logger } from '@nestjs/common';
import type { ProviderAdapter, TokenSet } from '../../providers/provider-adapter.js';

const logger = new Logger('LoginCleanup');

/**
 * A callback that fails after the code exchange holds upstream tokens nobody will ever
 * use (nothing was stored): revoke them where the provider can, so they do not stay
 * valid upstream until they expire. Best effort: a failed revocation is logged (without
 * the tokens) and never replaces the error the caller is about to get.
 */
export async function revokeUnusedTokens(adapter: ProviderAdapter, tokens: TokenSet): Promise<void> {
  if (!adapter.capabilities.revoke) return;
  try {
    await adapter.revoke({ accessToken: tokens.accessToken, refreshToken: tokens.refreshToken });
  } catch (error) {
    logger.warn({ provider: adapter.id, reason: (error as Error).message }, 'revoking the tokens of a failed login failed');
  }
}
