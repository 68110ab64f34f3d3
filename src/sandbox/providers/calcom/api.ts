import type { Request, Response } from 'express';
import type { SandboxContext } from '../../core/contract.js';
import { bearerToken } from '../../core/http.js';
import { ACCESS_TOKEN_IS_EXPIRED, calError, calFaultBody } from './errors.js';
import type { CalcomStore } from './store.js';

/** `GET /v2/me`: 401 for an unknown token, 498 `ACCESS_TOKEN_IS_EXPIRED` for an expired one. */
export function me(ctx: SandboxContext, store: CalcomStore) {
  return async (req: Request, res: Response): Promise<void> => {
    if ((await ctx.guardFault('calcom', 'api', res, calFaultBody(req))) === 'answered') return;
    const token = bearerToken(req);
    const record = token ? store.access.get(token) : undefined;
    if (!record) return calError(req, res, 401, 'Invalid Access Token.');
    ctx.count('calcom', record.clientId, 'api');
    if (record.expiresAt <= ctx.now()) return calError(req, res, 498, ACCESS_TOKEN_IS_EXPIRED);
    const user = ctx.findUserById(record.userId);
    if (!user) return calError(req, res, 404, 'User not found');
    res.json({
      status: 'success',
      data: {
        id: user.id,
        username: user.username,
        email: user.email,
        name: user.displayName,
        timeFormat: 24,
        defaultScheduleId: user.id * 10,
        weekStart: 'Monday',
        timeZone: 'Europe/London',
        organizationId: null,
      },
    });
  };
}
