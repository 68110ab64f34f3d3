import { createParamDecorator, type ExecutionContext } from '@nestjs/common';
import type { AuthenticatedRequest } from './session-request.js';

/** The SessionRecord of the request (undefined only on a @Public route without a session). */
export const CurrentSession = createParamDecorator((_data: unknown, ctx: ExecutionContext) => ctx.switchToHttp().getRequest<AuthenticatedRequest>().auth?.session);

/** The whole AuthenticatedRequestContext: the session and how it was presented (cookie or bearer). */
export const CurrentAuth = createParamDecorator((_data: unknown, ctx: ExecutionContext) => ctx.switchToHttp().getRequest<AuthenticatedRequest>().auth);
