import type { NextFunction, Request, Response } from 'express';
import { requestIdFromHeaders } from './request-id.js';

/**
 * Runs before everything else (body parsing included), so even a request that
 * fails to parse gets an id, an X-Request-Id header and a matching problem body.
 */
export function assignRequestId(req: Request & { id?: string }, res: Response, next: NextFunction): void {
  req.id = requestIdFromHeaders(req.headers['x-request-id']);
  res.setHeader('X-Request-Id', req.id);
  next();
}
