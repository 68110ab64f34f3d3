import type { NextFunction, Request, Response } from 'express';
import type { SandboxContext, SandboxUser } from '../../core/contract.js';
import { bearerToken } from '../../core/http.js';
import { atError, pcFaultBody } from './errors.js';
import type { PcAccessToken, PhoneComStore } from './store.js';

/**
 * `GET /accounts/{id}` and `GET /accounts/{id}/extensions`: a token reaches
 * only its own account (its voip id); listing extensions needs `account-owner`.
 */

interface PcLocals {
  token: PcAccessToken;
  account: SandboxUser;
}

export function requireAccount(ctx: SandboxContext, store: PhoneComStore, scope?: string) {
  return async (req: Request, res: Response, next: NextFunction): Promise<void> => {
    if ((await ctx.guardFault('phonecom', 'api', res, pcFaultBody)) === 'answered') return;
    const token = store.validAccess(bearerToken(req));
    if (!token) return atError(res, 401, 'Unauthorized');
    ctx.count('phonecom', token.clientId, 'api');
    const raw = String(req.params.account_id);
    if (!/^\d+$/.test(raw)) return atError(res, 422, 'account_id must be an integer');
    if (Number(raw) !== token.accountId) return atError(res, 403, 'Forbidden');
    if (scope && !token.scopes.includes(scope) && !token.scopes.includes('methods:ALL')) return atError(res, 403, 'Forbidden');
    const account = ctx.findUserById(token.accountId);
    if (!account) return atError(res, 404, 'Account not found');
    res.locals.pc = { token, account } satisfies PcLocals;
    next();
  };
}

export function getAccount(_req: Request, res: Response): void {
  const { account } = res.locals.pc as PcLocals;
  res.json({
    id: account.id,
    name: account.displayName,
    username: account.username,
    master_account: null,
    contact: {
      name: account.displayName,
      company: 'Sandbox Inc.',
      address: { line_1: '1 Example Way', city: 'Springfield', province: 'CA', postal_code: '90000', country: 'US' },
      phone: '+15555550100',
      primary_email: account.email,
    },
  });
}

export function listExtensions(req: Request, res: Response): void {
  const { account } = res.locals.pc as PcLocals;
  const items = [1, 2, 3].map((n) => ({
    id: account.id * 10 + n,
    extension: 100 + n,
    name: n === 1 ? account.displayName : `Extension ${100 + n}`,
    usage_type: 'limited',
  }));
  const limit = Math.min(Math.max(Number(req.query.limit) || 25, 1), 500);
  const offset = Math.max(Number(req.query.offset) || 0, 0);
  res.json({ filters: {}, sort: {}, total: items.length, offset, limit, items: items.slice(offset, offset + limit) });
}
