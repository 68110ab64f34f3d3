import { DomainError } from '../../common/errors/domain-error.js';
import { record, safeUpstreamText } from '../../providers/http/map-failure.js';
import { retryAfterSeconds, type UpstreamResponse } from '../../providers/http/upstream-http.js';

/** Stable codes of upstream management failures (docs/clients.md); clients switch on these. */
export const ManagementErrorCode = {
  BadRequest: 'upstream_bad_request',
  Unauthorized: 'upstream_unauthorized',
  Forbidden: 'upstream_forbidden',
  NotFound: 'upstream_not_found',
  Conflict: 'upstream_conflict',
  Unprocessable: 'upstream_unprocessable',
  Rejected: 'upstream_rejected',
  RateLimited: 'upstream_rate_limited',
  Failed: 'upstream_failed',
  BadResponse: 'upstream_bad_response',
} as const;

const CODE_BY_STATUS: Record<number, string> = {
  400: ManagementErrorCode.BadRequest,
  401: ManagementErrorCode.Unauthorized,
  403: ManagementErrorCode.Forbidden,
  404: ManagementErrorCode.NotFound,
  409: ManagementErrorCode.Conflict,
  422: ManagementErrorCode.Unprocessable,
  429: ManagementErrorCode.RateLimited,
};

/** What we know about the call that failed; never a URL (it may carry a token). */
export interface FailedCall {
  provider: string;
  operation: string;
  /** The permission the call needs, named when the upstream does not say which it missed. */
  permission?: string;
}

/** One field complaint from the upstream (Genesys `details[]`), reduced to safe words. */
interface UpstreamFieldError {
  field: string;
  code?: string;
}

/**
 * An upstream management answer outside success, as problem+json: 4xx keep their
 * status, 429 keeps Retry-After, 5xx become 502. `upstreamCode` is the upstream's own
 * code (Genesys `code`, RFC 7591 `error`) when it gives one.
 */
export class UpstreamManagementError extends DomainError {
  constructor(
    code: string,
    status: number,
    message: string,
    extra: Record<string, unknown>,
    headers: Record<string, string> = {},
    readonly upstreamStatus?: number,
  ) {
    super(code, status, message, extra, headers);
    this.name = 'UpstreamManagementError';
  }
}

/** Maps a non-success management answer; the body is read for codes and messages, never echoed whole. */
export function managementFailure(call: FailedCall, response: UpstreamResponse): UpstreamManagementError {
  const body = record(response.body);
  const status = response.status;
  const upstreamCode = codeOf(body);
  const base = { provider: call.provider, upstreamStatus: status, ...(upstreamCode ? { upstreamCode } : {}) };
  const said = safeUpstreamText(body.message ?? body.error_description ?? body.description);
  if (status >= 500) {
    return new UpstreamManagementError(ManagementErrorCode.Failed, 502, `${call.provider} failed to ${call.operation} (HTTP ${status}).`, base, {}, status);
  }
  if (status < 400) {
    return new UpstreamManagementError(ManagementErrorCode.BadResponse, 502, `${call.provider} gave an unexpected answer to ${call.operation} (HTTP ${status}).`, base, {}, status);
  }
  if (status === 429) {
    const retryAfter = retryAfterSeconds(response.headers) ?? 1;
    return new UpstreamManagementError(ManagementErrorCode.RateLimited, 429, `${call.provider} is rate limiting ${call.operation}; retry after ${retryAfter} s.`, { ...base, retryAfterSeconds: retryAfter }, { 'Retry-After': String(retryAfter) }, status);
  }
  if (status === 403) return forbidden(call, body, base, said);
  const fields = fieldErrors(body);
  const extra = fields.length ? { ...base, errors: fields } : base;
  const code = CODE_BY_STATUS[status] ?? ManagementErrorCode.Rejected;
  return new UpstreamManagementError(code, status, `${call.provider} refused to ${call.operation}${said ? `: ${said}` : '.'}`, extra, {}, status);
}

function forbidden(call: FailedCall, body: Record<string, unknown>, base: Record<string, unknown>, said: string | undefined): UpstreamManagementError {
  const named = missingPermissions(body);
  const missing = named.length ? named : call.permission ? [call.permission] : [];
  const why = missing.length ? `missing permission ${missing.join(' or ')}` : (said ?? 'permission denied');
  const extra = { ...base, ...(missing.length ? { missingPermissions: missing, permissionSource: named.length ? 'upstream' : 'required' } : {}) };
  return new UpstreamManagementError(ManagementErrorCode.Forbidden, 403, `${call.provider} refused to ${call.operation}: ${why}.`, extra, {}, 403);
}

const PERMISSION = /^[A-Za-z0-9_-]+(?::[A-Za-z0-9_*-]+){1,4}$/;

/** Genesys names what is missing in `messageParams.permissions` and in the message's `[...]`. */
function missingPermissions(body: Record<string, unknown>): string[] {
  const params = record(body.messageParams).permissions;
  const bracketed = typeof body.message === 'string' ? /\[([^\]]{1,500})\]/.exec(body.message)?.[1] : undefined;
  const source = typeof params === 'string' ? params : bracketed;
  if (!source) return [];
  return source
    .split(/[,\s]+/)
    .filter((p) => PERMISSION.test(p))
    .slice(0, 10);
}

function codeOf(body: Record<string, unknown>): string | undefined {
  const code = typeof body.code === 'string' ? body.code : body.error;
  return typeof code === 'string' && /^[\w.:-]{1,80}$/.test(code) ? code : undefined;
}

function fieldErrors(body: Record<string, unknown>): UpstreamFieldError[] {
  if (!Array.isArray(body.details)) return [];
  return body.details
    .map(record)
    .filter((d) => typeof d.fieldName === 'string' && /^[\w.[\]-]{1,80}$/.test(d.fieldName))
    .slice(0, 20)
    .map((d) => ({ field: d.fieldName as string, ...(typeof d.errorCode === 'string' && /^[\w.-]{1,80}$/.test(d.errorCode) ? { code: d.errorCode } : {}) }));
}
