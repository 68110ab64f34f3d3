import type { Request, Response } from 'express';
import type { SandboxContext } from '../../core/contract.js';
import { bearerToken, bodyOf, pick } from '../../core/http.js';
import { verifyPkce } from '../../core/pkce.js';
import { CAL_MESSAGES, calError, calFaultBody } from './errors.js';
import type { CalcomStore } from './store.js';

type Issued = ReturnType<CalcomStore['issue']>;

function keys(res: Response, issued: Issued): void {
  res.status(200).json({
    status: 'success',
    data: {
      accessToken: issued.accessToken,
      refreshToken: issued.refreshToken,
      accessTokenExpiresAt: issued.accessTokenExpiresAt,
      refreshTokenExpiresAt: issued.refreshTokenExpiresAt,
    },
  });
}

/** `POST /v2/oauth/{clientId}/exchange`: the code in `Authorization: Bearer`, `{clientSecret}` in the body. */
export function exchange(ctx: SandboxContext, store: CalcomStore) {
  return async (req: Request, res: Response): Promise<void> => {
    if ((await ctx.guardFault('calcom', 'token', res, calFaultBody(req))) === 'answered') return;
    const code = bearerToken(req);
    if (!code) return calError(req, res, 400, CAL_MESSAGES.missingBearer);
    const clientId = String(req.params.clientId);
    const client = ctx.findClient('calcom', clientId);
    if (!client) return calError(req, res, 400, CAL_MESSAGES.badClient);
    ctx.count('calcom', clientId, 'token');
    const body = bodyOf(req);
    if (!ctx.authenticateClient('calcom', clientId, body.clientSecret)) return calError(req, res, 401, CAL_MESSAGES.badSecret);
    const record = store.codes.get(code);
    store.codes.delete(code); // single use
    const pkceOk = !record?.codeChallenge || verifyPkce(record.codeChallenge, 'S256', pick(body, 'codeVerifier', 'code_verifier'));
    if (!record || record.clientId !== clientId || record.expiresAt <= ctx.now() || !pkceOk) {
      return calError(req, res, 400, CAL_MESSAGES.badCode);
    }
    keys(res, store.issue(clientId, record.userId));
  };
}

/**
 * `POST /v2/oauth/{clientId}/refresh`: secret in `x-cal-secret-key`,
 * `{refreshToken}` in the body. Rotates; a rotated token presented again
 * revokes the whole family and answers 400 `Invalid refresh token`.
 */
export function refresh(ctx: SandboxContext, store: CalcomStore) {
  return async (req: Request, res: Response): Promise<void> => {
    const outcome = await ctx.guardFault('calcom', 'refresh', res, calFaultBody(req));
    if (outcome === 'answered') return;
    const clientId = String(req.params.clientId);
    const client = ctx.findClient('calcom', clientId);
    if (!client) return calError(req, res, 400, CAL_MESSAGES.badClient);
    ctx.count('calcom', clientId, 'refresh');
    if (!ctx.authenticateClient('calcom', clientId, req.get('x-cal-secret-key'))) {
      return calError(req, res, 401, CAL_MESSAGES.badSecret);
    }
    const token = pick(bodyOf(req), 'refreshToken');
    const record = token ? store.refresh.get(token) : undefined;
    if (outcome === 'invalid_grant' || !token || !record || record.clientId !== clientId || record.expiresAt <= ctx.now()) {
      return calError(req, res, 400, CAL_MESSAGES.badRefresh);
    }
    if (record.used) {
      store.revokeFamily(record.familyId);
      return calError(req, res, 400, CAL_MESSAGES.badRefresh);
    }
    record.used = true;
    // The access token minted with the retired refresh token goes with it.
    for (const [access, a] of store.access) if (a.familyId === record.familyId) store.access.delete(access);
    keys(res, store.issue(clientId, record.userId, record.familyId));
  };
}
