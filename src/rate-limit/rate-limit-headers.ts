import { DomainError } from '../common/errors/domain-error.js';
import { ErrorCode } from '../common/errors/error-code.js';
import type { RateLimitOutcome } from './rate-limit-policy.js';

/**
 * The IETF RateLimit fields (draft-ietf-httpapi-ratelimit-headers): the policy
 * (`q` requests per `w` seconds) and the live counter (`r` remaining, `t` seconds
 * until the window resets), as Structured Field lists naming the policy.
 */
export function rateLimitHeaders(outcome: RateLimitOutcome): Record<string, string> {
  const name = `"${outcome.policy}"`;
  return {
    'RateLimit-Policy': `${name};q=${outcome.quota.points};w=${outcome.quota.windowSeconds}`,
    RateLimit: `${name};r=${outcome.remaining};t=${outcome.resetSeconds}`,
  };
}

/** 429 `too_many_requests` with Retry-After and the RateLimit fields. */
export function tooManyRequests(outcome: RateLimitOutcome, detail = 'Too many requests; try again later.'): DomainError {
  return new DomainError(
    ErrorCode.TooManyRequests,
    429,
    detail,
    { retryAfterSeconds: outcome.resetSeconds, policy: outcome.policy },
    { ...rateLimitHeaders(outcome), 'Retry-After': String(outcome.resetSeconds) },
  );
}
