import type { DpopKey } from '../providers/dpop/dpop-key.js';
import type { LinkedAccountEntity } from './linked-account.entity.js';

/**
 * What the relay (and anything else calling a provider API for a user) needs
 * from the tokens module: a currently valid access token, refreshed ahead of
 * expiry with one upstream refresh per account across the whole fleet.
 *
 * Failures are typed (see refresh/refresh-errors.ts): DomainError('reauth_required', 401,
 * extra { provider, loginUrl }) after the link was marked refresh_failed and dependent
 * sessions ended; UpstreamError('unavailable' | 'rate_limited', 503, with Retry-After)
 * keeps everything; DomainError('provider_not_linked', 409, extra { provider, loginUrl })
 * when the user has no active link. Implemented by TokenRefreshService.
 */
export interface ValidAccessToken {
  accessToken: string;
  /** The link the token belongs to; only the fields callers need, so a cache of many users stays small. */
  account: TokenAccount;
  /** Set when the token is DPoP-bound (RFC 9449): calls must carry a proof signed by this key. */
  dpop?: DpopKey;
}

export type TokenAccount = Pick<LinkedAccountEntity, 'id' | 'userId' | 'provider' | 'subject' | 'accessExpiresAt' | 'updatedAt'>;

export abstract class AccessTokenProvider {
  /** A valid token for the user's link to `provider`, refreshing first when it expires within the skew. */
  abstract forUser(userId: string, provider: string): Promise<ValidAccessToken>;
  /**
   * After the upstream rejected `rejectedAccessToken` (401 / Cal.com 498): refresh once
   * unless another caller already replaced that token, then return the current one.
   */
  abstract afterRejection(userId: string, provider: string, rejectedAccessToken: string): Promise<ValidAccessToken>;
}
