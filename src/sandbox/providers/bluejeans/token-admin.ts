import type { Request, Response } from 'express';
import type { SandboxContext } from '../../core/contract.js';
import { bearerToken, bodyOf, pick, str } from '../../core/http.js';
import { bjError, bjFaultBody } from './errors.js';
import type { BlueJeansStore } from './store.js';

/** The caller's token: `?access_token=` as BlueJeans documents it, or `Authorization: Bearer`. */
export function callerToken(req: Request): string | undefined {
  return str(req.query.access_token) ?? bearerToken(req);
}

/** `GET /oauth2/tokenInfo` → `{user: int}` for a live token, 401 otherwise. */
export function tokenInfo(ctx: SandboxContext, store: BlueJeansStore) {
  return async (req: Request, res: Response): Promise<void> => {
    if ((await ctx.guardFault('bluejeans', 'tokenInfo', res, bjFaultBody)) === 'answered') return;
    const record = store.validAccess(callerToken(req));
    if (!record) return bjError(res, 401, 'Invalid or expired token');
    ctx.count('bluejeans', record.clientId ?? '(none)', 'api');
    // Enterprise (client grant) and meeting tokens act for no user.
    res.json({ user: record.userId ?? 0 });
  };
}

/**
 * `DELETE /oauth2/token?Revoke&access_token=...` with `{client_id, client_secret}`:
 * 204, or 400 when the token is unknown or already revoked. The paired refresh
 * token dies with it so a revoked session cannot be revived.
 */
export function revoke(ctx: SandboxContext, store: BlueJeansStore) {
  return async (req: Request, res: Response): Promise<void> => {
    if ((await ctx.guardFault('bluejeans', 'revoke', res, bjFaultBody)) === 'answered') return;
    const body = bodyOf(req);
    const clientId = pick(body, 'client_id');
    const secret = pick(body, 'client_secret');
    const token = callerToken(req);
    if (!token) return bjError(res, 400, 'access_token is required');
    if (!clientId || !secret) return bjError(res, 400, 'client_id and client_secret are required');
    ctx.count('bluejeans', clientId, 'revoke');
    if (!ctx.authenticateClient('bluejeans', clientId, secret)) return bjError(res, 401, 'Invalid client credentials');
    const record = store.access.get(token);
    // A client may only revoke its own tokens; someone else's looks unknown.
    if (!record || record.revoked || (record.clientId !== undefined && record.clientId !== clientId)) {
      return bjError(res, 400, 'Token is unknown or already revoked');
    }
    record.revoked = true;
    if (record.refreshToken) store.refresh.delete(record.refreshToken);
    res.status(204).end();
  };
}
