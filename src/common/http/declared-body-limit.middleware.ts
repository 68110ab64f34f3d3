import type { NextFunction, Request, Response } from 'express';
import { DomainError } from '../errors/domain-error.js';
import { ErrorCode } from '../errors/error-code.js';

/**
 * A body whose Content-Length already exceeds the limit is refused before a byte is read,
 * and the connection is closed. body-parser would answer the same 413 only after reading
 * (and discarding) the whole declared body, so a client announcing a gigabyte held the
 * socket until Node's request timeout, or made us read the gigabyte. Paths that stream
 * raw bodies (the relay, with its own limit) opt out.
 */
export function declaredBodyLimit(limitBytes: number, exemptPrefixes: string[]) {
  return (req: Request, _res: Response, next: NextFunction): void => {
    const length = req.headers['content-length'];
    if (length === undefined || !/^\d+$/.test(length) || Number(length) <= limitBytes) return next();
    const path = req.path.toLowerCase();
    if (exemptPrefixes.some((p) => path.startsWith(p))) return next();
    // Connection: close, so the unread body is never taken for the next request on this connection.
    next(new DomainError(ErrorCode.PayloadTooLarge, 413, 'The request body exceeds the size limit.', {}, { Connection: 'close' }));
  };
}
