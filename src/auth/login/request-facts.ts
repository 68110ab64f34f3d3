import type { Request } from 'express';
import { requestIdOf } from '../../common/http/request-id.js';

/** Who asked, for audit events and the session list. Never a credential. */
export interface RequestFacts {
  ip?: string;
  userAgent?: string;
  requestId?: string;
}

export function requestFacts(req: Request): RequestFacts {
  return { ip: req.ip, userAgent: req.headers['user-agent']?.slice(0, 512), requestId: requestIdOf(req) };
}
