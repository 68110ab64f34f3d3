import { Inject, Injectable, type CanActivate, type ExecutionContext } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { ROLES_KEY } from './roles.decorator.js';
import { MissingRoleError, UnauthenticatedError } from './session-errors.js';
import type { AuthenticatedRequest } from './session-request.js';

/** Global, last guard: enforces @Roles(...) against the roles the session was issued with. */
@Injectable()
export class RolesGuard implements CanActivate {
  constructor(@Inject(Reflector) private readonly reflector: Reflector) {}

  canActivate(context: ExecutionContext): boolean {
    const required = this.reflector.getAllAndOverride<string[] | undefined>(ROLES_KEY, [context.getHandler(), context.getClass()]);
    if (!required?.length) return true;
    const session = context.switchToHttp().getRequest<AuthenticatedRequest>().auth?.session;
    // Only reachable on a route that is both @Public and @Roles: still never let it through.
    if (!session) throw new UnauthenticatedError();
    if (!required.some((role) => session.roles.includes(role))) throw new MissingRoleError();
    return true;
  }
}
