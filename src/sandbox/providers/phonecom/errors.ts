import type { NextFunction, Request, Response } from 'express';

/**
 * Phone.com answers in two shapes (UPSTREAMS.md leaves it open, so the
 * emulator uses both and the adapter must cope with both):
 *  - `{"@error": {"@httpStatusCode", "@httpStatusText", "@message"}}` for
 *    invalid data (422) and on the API;
 *  - RFC 6749 `{error, error_description}` for OAuth failures of
 *    `POST /oauth/access-token` (invalid_client, invalid_grant, unauthorized_client).
 */

const STATUS_TEXT: Record<number, string> = {
  400: 'Bad Request',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not Found',
  422: 'Unprocessable Entity',
  429: 'Too Many Requests',
  500: 'Internal Server Error',
  502: 'Bad Gateway',
  503: 'Service Unavailable',
  504: 'Gateway Timeout',
};

export function atErrorBody(status: number, message: string) {
  return { '@error': { '@httpStatusCode': status, '@httpStatusText': STATUS_TEXT[status] ?? 'Error', '@message': message } };
}

export function atError(res: Response, status: number, message: string): void {
  res.status(status).json(atErrorBody(status, message));
}

export function oauthError(res: Response, status: number, error: string, description: string): void {
  res.status(status).json({ error, error_description: description });
}

export const pcFaultBody = (status: number) => atErrorBody(status, STATUS_TEXT[status] ?? `HTTP ${status}`);

export function pcErrorHandler(err: { status?: number }, _req: Request, res: Response, _next: NextFunction): void {
  const status = err.status && err.status >= 400 && err.status < 500 ? 422 : 500;
  atError(res, status, status === 422 ? 'Malformed request body' : 'Internal Server Error');
}
