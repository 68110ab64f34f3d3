import { DomainError } from '../../common/errors/domain-error.js';

/** Stable codes of the upstream usage routes (docs/usage.md). */
export const UsageErrorCode = {
  NotSupported: 'capability_not_supported',
  QueryNotFound: 'usage_query_not_found',
  QueryExpired: 'usage_query_expired',
  QueryFailed: 'usage_query_failed',
} as const;

export const usageNotSupported = (provider: string, displayName: string) =>
  new DomainError(UsageErrorCode.NotSupported, 404, `${displayName} (${provider}) offers no API to query client usage.`, { provider, capability: 'query client usage' });
// Someone else's id answers exactly like an unknown one: existence is not disclosed.
export const queryNotFound = () => new DomainError(UsageErrorCode.QueryNotFound, 404, 'No such usage query (unknown, or made by someone else).');
export const queryExpired = () => new DomainError(UsageErrorCode.QueryExpired, 410, 'This usage query has expired; post it again.');
export const queryFailed = (provider: string, reason: string) => new DomainError(UsageErrorCode.QueryFailed, 502, `${provider} reported the usage query as Failed: ${reason}`, { provider, reason });
