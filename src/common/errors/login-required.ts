import { DomainError } from './domain-error.js';

/**
 * The two answers that mean "send the user through this provider's login". Both carry
 * `loginUrl` so one frontend handler serves both; the edge (ProblemFilter, RelayEdge)
 * adds the caller's safe `returnTo` to it (see login-url-return-to.ts).
 */

/** Where a user (re)links a provider. */
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
 * access token was rejected: only a new login helps. Also the answer to every request
 * on a session that was ended for that reason (see SessionService.revokeForProvider),
 * so callers racing or following the refusal all read the same thing.
 */
export class ReauthRequiredError extends DomainError {
  constructor(provider: string) {
    super('reauth_required', 401, `The ${provider} authorization is no longer valid; log in with ${provider} again.`, {
      provider,
      loginUrl: loginUrlFor(provider),
    });
  }
}
