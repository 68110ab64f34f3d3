import type { NextFunction, Request, Response } from 'express';
import type { SandboxContext, SandboxUser } from '../../core/contract.js';
import { bjError, bjFaultBody } from './errors.js';
import { callerToken } from './token-admin.js';
import { ENTERPRISE_ID, type BjAccessToken, type BlueJeansStore } from './store.js';

/**
 * Small protected resources so relayed calls have something real to hit.
 * A user token reaches only its own user and only with the matching scope;
 * an enterprise (client grant) token reaches every user.
 */

export interface BjLocals {
  token: BjAccessToken;
  user: SandboxUser;
}

/** Authenticates the caller and resolves `:user_id`; answers 401/400/403/404 itself. */
export function requireUserAccess(ctx: SandboxContext, store: BlueJeansStore, scope: string, faultRoute = 'api') {
  return async (req: Request, res: Response, next: NextFunction): Promise<void> => {
    if ((await ctx.guardFault('bluejeans', faultRoute, res, bjFaultBody)) === 'answered') return;
    const token = store.validAccess(callerToken(req));
    if (!token) return bjError(res, 401, 'Invalid or expired token');
    ctx.count('bluejeans', token.clientId ?? '(none)', 'api');
    const raw = String(req.params.user_id);
    if (!/^\d+$/.test(raw)) return bjError(res, 400, 'user_id must be an integer');
    const userId = Number(raw);
    if (token.grant === 'meeting') return bjError(res, 403, 'Meeting tokens cannot access user resources');
    if (token.grant !== 'client') {
      if (token.userId !== userId) return bjError(res, 403, 'Access denied to this user');
      if (token.grant === 'code' && !token.scopes.includes(scope)) return bjError(res, 403, `Token lacks the ${scope} scope`);
    }
    const user = ctx.findUserById(userId);
    if (!user) return bjError(res, 404, 'User not found');
    res.locals.bj = { token, user } satisfies BjLocals;
    next();
  };
}

export function getUser(_req: Request, res: Response): void {
  const { user } = res.locals.bj as BjLocals;
  const [firstName, ...rest] = user.displayName.split(' ');
  res.json({
    id: user.id,
    username: user.username,
    firstName,
    middleName: '',
    lastName: rest.join(' '),
    emailId: user.email,
    company: 'Sandbox Inc.',
    title: '',
    phone: '',
    profilePicture: '',
    timezone: 'America/Los_Angeles',
    enterprise: ENTERPRISE_ID,
  });
}

const TOPICS = ['Weekly sync', 'Design review', 'Customer onboarding', 'Retrospective'];

/**
 * `GET /v1/user/{user_id}/scheduled_meeting`: four deterministic meetings,
 * about 1 KB of JSON, which the relay benchmark uses as its payload.
 */
export function listScheduledMeetings(_req: Request, res: Response): void {
  const { user } = res.locals.bj as BjLocals;
  const base = Date.UTC(2030, 0, 7, 16, 0, 0);
  res.json(
    TOPICS.map((title, i) => ({
      id: user.id * 100 + i + 1,
      title,
      description: `${title} hosted by ${user.displayName}`,
      start: base + i * 86_400_000,
      end: base + i * 86_400_000 + 1_800_000,
      timezone: 'America/Los_Angeles',
      numericMeetingId: String(1_000_000_000 + user.id * 10 + i),
      attendeePasscode: String(1000 + i),
      isLargeMeeting: false,
    })),
  );
}
