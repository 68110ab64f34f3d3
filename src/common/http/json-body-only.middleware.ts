import type { NextFunction, Request, Response } from 'express';
import { DomainError } from '../errors/domain-error.js';
import { ErrorCode } from '../errors/error-code.js';

const ACCEPTED = /^application\/(json|[\w.+-]+\+json|x-www-form-urlencoded)\s*(;|$)/i;

function hasBody(req: Request): boolean {
  const length = req.headers['content-length'];
  return req.headers['transfer-encoding'] !== undefined || (length !== undefined && length !== '0');
}

/**
 * Request bodies must be JSON (or a form) so a wrong Content-Type is a clear 415
 * instead of a silently empty body. Paths that stream raw bodies opt out.
 */
export function jsonBodyOnly(exemptPrefixes: string[]) {
  return (req: Request, _res: Response, next: NextFunction): void => {
    // Routes match case-insensitively, so the exemption must too.
    const path = req.path.toLowerCase();
    if (!hasBody(req) || exemptPrefixes.some((p) => path.startsWith(p))) return next();
    if (ACCEPTED.test(req.headers['content-type'] ?? '')) return next();
    next(new DomainError(ErrorCode.UnsupportedMediaType, 415, 'Send the request body as application/json.'));
  };
}
