import { Injectable, type NestMiddleware } from '@nestjs/common';
import type { NextFunction, Request, Response } from 'express';

// Express routes case-insensitively, so the match must be too; originalUrl because
// Nest may mount this middleware under a path.
const PRIVATE_PREFIX = /^\/v1\/(auth|sessions|admin)(\/|\?|$)/i;

/**
 * Responses about identity and sessions must never sit in a browser or proxy cache.
 * A middleware (not an interceptor) so 401/403 answers from the guards get it too.
 */
@Injectable()
export class NoStoreMiddleware implements NestMiddleware {
  use(req: Request, res: Response, next: NextFunction): void {
    if (PRIVATE_PREFIX.test(req.originalUrl)) {
      res.setHeader('Cache-Control', 'no-store');
      res.setHeader('Pragma', 'no-cache');
    }
    next();
  }
}
