import type { NextFunction, Request, Response } from 'express';

/**
 * Cal.com's API error body: `{status:"error", timestamp, path, error:{code,
 * message}}`. `code` is the name of the Nest exception the real API throws;
 * 498 carries the message `ACCESS_TOKEN_IS_EXPIRED`.
 */
const EXCEPTION: Record<number, string> = {
  400: 'BadRequestException',
  401: 'UnauthorizedException',
  403: 'ForbiddenException',
  404: 'NotFoundException',
  429: 'ThrottlerException',
  498: 'TokenExpiredException',
  500: 'InternalServerErrorException',
  502: 'BadGatewayException',
  503: 'ServiceUnavailableException',
  504: 'GatewayTimeoutException',
};

export function calErrorBody(status: number, path: string, message: string) {
  return {
    status: 'error',
    timestamp: new Date().toISOString(),
    path,
    error: { code: EXCEPTION[status] ?? 'HttpException', message },
  };
}

export function calError(req: Request, res: Response, status: number, message: string): void {
  res.status(status).json(calErrorBody(status, req.originalUrl, message));
}

export const ACCESS_TOKEN_IS_EXPIRED = 'ACCESS_TOKEN_IS_EXPIRED';

export const CAL_MESSAGES = {
  badRedirect: "Invalid 'redirect_uri' value.",
  missingBearer: "Missing 'Bearer' Authorization header.",
  badClient: 'Invalid OAuth Client.',
  badCode: 'Invalid Authorization Token.',
  badSecret: 'Invalid client secret',
  badRefresh: 'Invalid refresh token',
} as const;

/** Fault bodies need the request path, so providers build them per request. */
export const calFaultBody = (req: Request) => (status: number) => calErrorBody(status, req.originalUrl, `Injected fault (${status})`);

export function calErrorHandler(err: { status?: number }, req: Request, res: Response, _next: NextFunction): void {
  const status = err.status && err.status >= 400 && err.status < 500 ? 400 : 500;
  calError(req, res, status, status === 400 ? 'Malformed request body' : 'Internal server error');
}
