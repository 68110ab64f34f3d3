import { DomainError } from '../common/errors/domain-error.js';
import { ErrorCode } from '../common/errors/error-code.js';

/** Stable problem codes owned by the sessions module. */
export const SessionErrorCode = {
  Unauthenticated: 'unauthenticated',
  CsrfRejected: 'csrf_rejected',
  SessionNotFound: 'session_not_found',
  Forbidden: ErrorCode.Forbidden,
} as const;

/** 401 for a missing, malformed, unknown or expired session; extra headers (cookie clearing) are optional. */
export class UnauthenticatedError extends DomainError {
  constructor(message = 'Sign in to use this endpoint.', headers: Record<string, string> = {}) {
    super(SessionErrorCode.Unauthenticated, 401, message, {}, headers);
  }
}

export class CsrfRejectedError extends DomainError {
  constructor(message: string) {
    super(SessionErrorCode.CsrfRejected, 403, message);
  }
}

export class SessionNotFoundError extends DomainError {
  constructor() {
    super(SessionErrorCode.SessionNotFound, 404, 'No such session among yours.');
  }
}

export class MissingRoleError extends DomainError {
  constructor() {
    super(SessionErrorCode.Forbidden, 403, 'This endpoint needs a role your session does not have.');
  }
}
