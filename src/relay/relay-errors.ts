import { DomainError } from '../common/errors/domain-error.js';
import { ErrorCode } from '../common/errors/error-code.js';

/** Stable codes of the relay; clients switch on these (docs/relay.md). */
export const RelayErrorCode = {
  PathInvalid: 'relay_path_invalid',
  HeaderInvalid: 'relay_header_invalid',
  RouteNotAllowed: 'relay_route_not_allowed',
  MethodNotAllowed: ErrorCode.MethodNotAllowed,
  BodyTooLarge: ErrorCode.PayloadTooLarge,
  ResponseTooLarge: 'upstream_response_too_large',
  Timeout: 'upstream_timeout',
  Unreachable: 'upstream_unreachable',
  NotLinked: 'provider_not_linked',
} as const;

// Messages are fixed sentences: a rejected path or header is never echoed back.
export const pathInvalid = (why: string) => new DomainError(RelayErrorCode.PathInvalid, 400, `The relayed path is not acceptable: ${why}.`);
export const headerInvalid = (why: string) => new DomainError(RelayErrorCode.HeaderInvalid, 400, `The relayed request is not acceptable: ${why}.`);
export const routeNotAllowed = (provider: string) =>
  new DomainError(RelayErrorCode.RouteNotAllowed, 404, `This path is not on the relay allowlist of ${provider}.`, { provider });
export const methodNotAllowed = (provider: string, allow: string[]) =>
  new DomainError(RelayErrorCode.MethodNotAllowed, 405, `This method is not allowed on this path of ${provider}.`, { provider, allow }, { Allow: allow.join(', ') });
export const bodyTooLarge = (limit: number) =>
  new DomainError(RelayErrorCode.BodyTooLarge, 413, `The request body exceeds the relay limit of ${limit} bytes.`, { limit });
export const responseTooLarge = (provider: string, limit: number) =>
  new DomainError(RelayErrorCode.ResponseTooLarge, 502, `The ${provider} response exceeds the relay limit of ${limit} bytes.`, { provider, limit });
export const upstreamTimeout = (provider: string) => new DomainError(RelayErrorCode.Timeout, 504, `${provider} did not answer in time.`, { provider });
export const upstreamUnreachable = (provider: string) => new DomainError(RelayErrorCode.Unreachable, 502, `${provider} could not be reached.`, { provider });
