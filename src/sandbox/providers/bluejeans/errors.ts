import type { NextFunction, Request, Response } from 'express';

/** BlueJeans answers every error as `{ "message": string }`. */
export function bjError(res: Response, status: number, message: string): void {
  res.status(status).json({ message });
}

const STATUS_TEXT: Record<number, string> = {
  400: 'Bad Request',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not Found',
  429: 'Too Many Requests',
  500: 'Internal Server Error',
  502: 'Bad Gateway',
  503: 'Service Unavailable',
  504: 'Gateway Timeout',
};

/** Body for an injected fault status. */
export const bjFaultBody = (status: number) => ({ message: STATUS_TEXT[status] ?? `HTTP ${status}` });

/** Malformed JSON or an oversized body: the provider's own 400, never Express's HTML page. */
export function bjErrorHandler(err: { status?: number }, _req: Request, res: Response, _next: NextFunction): void {
  const status = err.status && err.status >= 400 && err.status < 500 ? err.status : 500;
  bjError(res, status, status === 500 ? 'Internal Server Error' : 'Malformed request');
}
