import { UpstreamError, type UpstreamFailure } from '../upstream-error.js';
import { retryAfterSeconds, type UpstreamResponse } from './upstream-http.js';

/**
 * Makes a provider's own error text safe to put in our message: one short line,
 * and anything that looks like a credential (a long opaque run) blanked out, since
 * some upstreams echo what they were sent.
 */
export function safeUpstreamText(text: unknown): string | undefined {
  if (typeof text !== 'string' || !text.trim()) return undefined;
  return text
    .replace(/[\r\n\t]+/g, ' ')
    .replace(/[A-Za-z0-9+/_.~=-]{20,}/g, '[redacted]')
    .slice(0, 160)
    .trim();
}

/**
 * The provider-independent part of turning a non-success answer into an
 * UpstreamError: 429 -> rate_limited (with Retry-After), 5xx -> unavailable.
 * `classify` decides 4xx for the provider; without a verdict it is bad_response.
 */
export function mapFailure(
  provider: string,
  operation: string,
  response: UpstreamResponse,
  classify: (response: UpstreamResponse) => { failure: UpstreamFailure; detail?: unknown } | undefined,
): UpstreamError {
  const { status } = response;
  if (status === 429) {
    const retryAfter = retryAfterSeconds(response.headers) ?? 1;
    return new UpstreamError('rate_limited', provider, `${operation}: rate limited by the provider (HTTP 429)`, status, retryAfter);
  }
  if (status >= 500) {
    // A provider that says when it will be back (503 + Retry-After) knows better than our default.
    return new UpstreamError('unavailable', provider, `${operation}: the provider failed (HTTP ${status})`, status, retryAfterSeconds(response.headers));
  }
  const verdict = status >= 300 && status < 400 ? undefined : classify(response);
  const detail = safeUpstreamText(verdict?.detail);
  const failure = verdict?.failure ?? 'bad_response';
  return new UpstreamError(failure, provider, `${operation}: ${describe(failure)} (HTTP ${status}${detail ? `: ${detail}` : ''})`, status);
}

function describe(failure: UpstreamFailure): string {
  switch (failure) {
    case 'invalid_grant':
      return 'the provider rejected the grant';
    case 'invalid_client':
      return 'the provider rejected our client credentials or configuration';
    case 'unauthorized':
      return 'the provider rejected the access token';
    case 'not_supported':
      return 'the provider does not support this';
    case 'dpop_rejected':
      return 'the provider refused our DPoP proof';
    default:
      return 'unexpected answer from the provider';
  }
}

/** RFC 6749 §5.2 `error` codes: what each means for us. */
export function oauthErrorFailure(error: unknown): UpstreamFailure | undefined {
  switch (error) {
    case 'invalid_grant':
      return 'invalid_grant';
    case 'invalid_client':
    case 'unauthorized_client':
    case 'unsupported_grant_type':
    case 'invalid_scope':
      return 'invalid_client';
    case 'invalid_token':
      return 'unauthorized';
    // RFC 9449 §7.1, §8: a proof refused, or a nonce demanded again right after we sent the one it gave.
    case 'invalid_dpop_proof':
    case 'use_dpop_nonce':
      return 'dpop_rejected';
    default:
      return undefined;
  }
}

export const record = (value: unknown): Record<string, unknown> =>
  value && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : {};
