import type { NextFunction, Request, Response } from 'express';
import type { SandboxUser } from '../../core/contract.js';
import { bearerToken } from '../../core/http.js';
import { ALL_GENESYS_OAUTH_PERMISSIONS } from '../../seed.js';
import { missingPermissions, platformError, sendPlatformError } from './genesys-errors.js';
import type { GenesysState } from './genesys-state.js';
import type { GenesysAccessToken } from './genesys-token-store.js';

/** Who is calling the API host, stored on res.locals by `requireBearer`. */
export interface GenesysCaller {
  token: GenesysAccessToken;
  /** Absent for client-credentials tokens. */
  user?: SandboxUser;
  permissions: readonly string[];
}

export function callerOf(res: Response): GenesysCaller {
  return res.locals.genesysCaller as GenesysCaller;
}

/**
 * Bearer authentication with the platform's two 401s: no token at all is
 * `authentication.required`, an unknown or expired one `bad.credentials`.
 * Client-credentials tokens act with the sandbox's service role, which holds
 * every OAuth permission (real orgs assign roles to the client instead).
 */
export function requireBearer(state: GenesysState) {
  return (req: Request, res: Response, next: NextFunction) => {
    const raw = bearerToken(req);
    if (!raw) return sendPlatformError(res, platformError(401, 'No authentication bearer token specified in authorization header.'));
    const token = state.tokens.findAccessToken(raw, state.ctx.now());
    if (!token) return sendPlatformError(res, platformError(401, 'Invalid login credentials.', { code: 'bad.credentials' }));
    const user = token.userId !== undefined ? state.ctx.findUserById(token.userId) : undefined;
    if (token.userId !== undefined && !user) {
      return sendPlatformError(res, platformError(401, 'Invalid login credentials.', { code: 'bad.credentials' }));
    }
    res.locals.genesysCaller = { token, user, permissions: user ? user.permissions : ALL_GENESYS_OAUTH_PERMISSIONS } satisfies GenesysCaller;
    next();
  };
}

/** The documented "Requires ANY permissions" check. */
export function requireAnyPermission(...anyOf: string[]) {
  return (_req: Request, res: Response, next: NextFunction) => {
    const { permissions } = callerOf(res);
    if (anyOf.some((p) => permissions.includes(p))) return next();
    sendPlatformError(res, missingPermissions(anyOf));
  };
}
