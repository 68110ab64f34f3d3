import { HttpException } from '@nestjs/common';
import { isDatabaseUnavailable } from '../../database/database-unavailable.js';
import { DependencyUnavailableError, DomainError } from './domain-error.js';
import { JSON_TOO_DEEP } from '../http/json-depth.js';
import { ErrorCode } from './error-code.js';
import { problemTitle, problemType, type Problem } from './problem.js';

export interface MappedProblem {
  problem: Problem;
  headers: Record<string, string>;
  /** True when the error was not anticipated and deserves a stack trace in the log. */
  unexpected: boolean;
  /** Set when a dependency failed underneath (logged aggregated, not per request). */
  dependencyFailure?: { dependency: string; reason: string };
}

/** Errors body-parser raises carry a `type` we can turn into precise codes. */
interface BodyParserError {
  type?: string;
  status?: number;
  statusCode?: number;
  expose?: boolean;
}

const BODY_PARSER_CODES: Record<string, { code: ErrorCode; detail: string; status?: number }> = {
  // Raised by our verify hook, which body-parser reports as 403: it is a bad request.
  [JSON_TOO_DEEP]: { code: ErrorCode.JsonTooDeep, detail: 'The JSON body is nested too deeply.', status: 400 },
  'entity.parse.failed': { code: ErrorCode.MalformedJson, detail: 'The request body is not valid JSON.' },
  'entity.too.large': { code: ErrorCode.PayloadTooLarge, detail: 'The request body exceeds the size limit.' },
  'encoding.unsupported': { code: ErrorCode.UnsupportedMediaType, detail: 'The request body encoding is not supported.' },
  'charset.unsupported': { code: ErrorCode.UnsupportedMediaType, detail: 'The request body charset is not supported.' },
  'request.size.invalid': { code: ErrorCode.BadRequest, detail: 'The request body length does not match Content-Length.' },
  'request.aborted': { code: ErrorCode.BadRequest, detail: 'The request was aborted by the client.' },
};

const HTTP_CODES: Record<number, ErrorCode> = {
  400: ErrorCode.BadRequest,
  401: ErrorCode.Unauthorized,
  403: ErrorCode.Forbidden,
  404: ErrorCode.NotFound,
  405: ErrorCode.MethodNotAllowed,
  409: ErrorCode.Conflict,
  413: ErrorCode.PayloadTooLarge,
  415: ErrorCode.UnsupportedMediaType,
  429: ErrorCode.TooManyRequests,
  503: ErrorCode.DependencyUnavailable,
};

function build(status: number, code: string, detail: string, requestId: string, extra: Record<string, unknown> = {}): Problem {
  return { type: problemType(code), title: problemTitle(status), status, detail, code, requestId, ...extra };
}

function fromHttpException(error: HttpException, requestId: string): Problem {
  const status = error.getStatus();
  const body = error.getResponse();
  const fromBody = typeof body === 'object' && body !== null ? (body as Record<string, unknown>) : {};
  const code = typeof fromBody.code === 'string' ? fromBody.code : (HTTP_CODES[status] ?? (status >= 500 ? ErrorCode.Internal : ErrorCode.BadRequest));
  const message = Array.isArray(fromBody.message) ? fromBody.message.join('; ') : String(fromBody.message ?? error.message);
  const extra = Array.isArray(fromBody.errors) ? { errors: fromBody.errors } : {};
  return build(status, code, message, requestId, extra);
}

export interface RequestFacts {
  /** False when no route matched: a 404 then means "no such route", not "no such thing". */
  routeMatched: boolean;
  method: string;
  path: string;
}

function fromParserError(error: unknown, requestId: string): MappedProblem | undefined {
  const parserError = error as BodyParserError | undefined;
  const known = parserError?.type ? BODY_PARSER_CODES[parserError.type] : undefined;
  if (!known) return undefined;
  const status = known.status ?? parserError?.status ?? parserError?.statusCode ?? 400;
  return { problem: build(status, known.code, known.detail, requestId), headers: {}, unexpected: false };
}

/** Turns anything thrown into a problem; unknown errors never leak their message. */
export function toProblem(error: unknown, requestId: string, facts?: RequestFacts): MappedProblem {
  // Express errors arrive wrapped in an HttpException whose cause says what really happened.
  const parsed = fromParserError(error, requestId) ?? fromParserError((error as { cause?: unknown })?.cause, requestId);
  if (parsed) return parsed;
  if ((error as { cause?: unknown })?.cause instanceof URIError) {
    return { problem: build(400, ErrorCode.BadRequest, 'The request path has invalid percent-encoding.', requestId), headers: {}, unexpected: false };
  }
  if (facts && !facts.routeMatched && error instanceof HttpException && error.getStatus() === 404) {
    const detail = `No route matches ${facts.method} ${facts.path}.`;
    return { problem: build(404, ErrorCode.RouteNotFound, detail, requestId), headers: {}, unexpected: false };
  }
  if (error instanceof DomainError) {
    return { problem: build(error.status, error.code, error.message, requestId, error.extra), headers: error.headers, unexpected: false };
  }
  if (error instanceof HttpException) {
    const problem = fromHttpException(error, requestId);
    return { problem, headers: {}, unexpected: problem.status >= 500 };
  }
  if (isDatabaseUnavailable(error)) {
    const unavailable = new DependencyUnavailableError('database');
    const reason = String((error as { code?: unknown }).code ?? (error as Error).name ?? 'unknown');
    return {
      problem: build(unavailable.status, unavailable.code, unavailable.message, requestId, unavailable.extra),
      headers: unavailable.headers,
      unexpected: false,
      dependencyFailure: { dependency: 'database', reason },
    };
  }
  return {
    problem: build(500, ErrorCode.Internal, 'An unexpected error occurred. Quote the request id when reporting it.', requestId),
    headers: {},
    unexpected: true,
  };
}
