import { ErrorCode } from './error-code.js';

/**
 * A failure the service knows how to describe. Services throw these; the global
 * filter maps them to application/problem+json at the edge.
 */
export class DomainError extends Error {
  constructor(
    public readonly code: ErrorCode | string,
    public readonly status: number,
    message: string,
    public readonly extra: Record<string, unknown> = {},
    public readonly headers: Record<string, string> = {},
  ) {
    super(message);
    this.name = 'DomainError';
  }
}

export class DependencyUnavailableError extends DomainError {
  constructor(dependency: string, retryAfterSeconds = 5) {
    super(ErrorCode.DependencyUnavailable, 503, `${dependency} is unavailable; try again shortly`, { dependency }, {
      'Retry-After': String(retryAfterSeconds),
    });
  }
}
