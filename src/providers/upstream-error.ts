import { DomainError } from '../common/errors/domain-error.js';

/**
 * What went wrong talking to a provider, reduced to what callers act on.
 * `invalid_grant` ends a link; `unavailable` / `rate_limited` keep it and answer 503.
 */
export type UpstreamFailure =
  | 'invalid_grant' // code or refresh token rejected (expired, reused, revoked)
  | 'invalid_client' // our client credentials are wrong: a configuration problem
  | 'unauthorized' // the access token was rejected on an API call
  | 'rate_limited'
  | 'unavailable' // timeout, connection failure, 5xx
  | 'bad_response' // the provider answered something we cannot read
  | 'dpop_rejected' // the provider refused our DPoP proof, or kept demanding new nonces (RFC 9449)
  | 'not_supported'; // the provider cannot do this (capability flag is false)

const STATUS: Record<UpstreamFailure, number> = {
  invalid_grant: 401,
  invalid_client: 502,
  unauthorized: 401,
  rate_limited: 503,
  unavailable: 503,
  bad_response: 502,
  dpop_rejected: 502,
  not_supported: 409,
};

export class UpstreamError extends DomainError {
  constructor(
    public readonly failure: UpstreamFailure,
    public readonly provider: string,
    message: string,
    public readonly upstreamStatus?: number,
    public readonly retryAfterSeconds?: number,
  ) {
    super(`upstream_${failure}`, STATUS[failure], message, { provider }, retryAfterSeconds ? { 'Retry-After': String(retryAfterSeconds) } : {});
    this.name = 'UpstreamError';
  }
}
