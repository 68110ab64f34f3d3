import { DomainError } from '../../common/errors/domain-error.js';

/** Where a user (re)links a provider; sent with both errors so a frontend can offer the button. */
export const loginUrlFor = (provider: string): string => `/v1/auth/${encodeURIComponent(provider)}/login`;

/** The user has no active link to this provider (never linked, unlinked, revoked). */
export class ProviderNotLinkedError extends DomainError {
  constructor(provider: string) {
    super('provider_not_linked', 409, `No active ${provider} account is linked; log in with ${provider} first.`, {
      provider,
      loginUrl: loginUrlFor(provider),
    });
  }
}

/**
 * The provider refused our refresh token (invalid_grant), or there is none and the
 * access token was rejected: only a new login helps. By the time this is thrown the
 * link is marked refresh_failed and the sessions that depended on it are ended.
 */
export class ReauthRequiredError extends DomainError {
  constructor(provider: string) {
    super('reauth_required', 401, `The ${provider} authorization is no longer valid; log in with ${provider} again.`, {
      provider,
      loginUrl: loginUrlFor(provider),
    });
  }
}
