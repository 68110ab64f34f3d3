import type { Request, Response } from 'express';
import type { SandboxContext } from '../../core/contract.js';
import { bodyOf, pick } from '../../core/http.js';
import { safeEqual, verifyPkce } from '../../core/pkce.js';
import { bjError, bjFaultBody } from './errors.js';
import { ENTERPRISE_ID, PARTITION, codeScope, type BlueJeansStore } from './store.js';

/**
 * `POST /oauth2/token`: the grant is chosen by `grant_type` in the JSON body;
 * the `?Client` / `?Code` / ... suffix callers add is ignored. A bad code or
 * bad credentials answer 401 `{message}`, a malformed request 400.
 */
export function tokenHandler(ctx: SandboxContext, store: BlueJeansStore) {
  return async (req: Request, res: Response): Promise<void> => {
    const body = bodyOf(req);
    const grantType = pick(body, 'grant_type');
    const isRefresh = grantType === 'refresh_token';
    const outcome = await ctx.guardFault('bluejeans', isRefresh ? 'refresh' : 'token', res, bjFaultBody);
    if (outcome === 'answered') return;
    switch (grantType) {
      case 'client_credentials':
        return clientGrant(ctx, store, body, res);
      case 'authorization_code':
        return codeGrant(ctx, store, body, res);
      case 'meeting_passcode':
        return meetingGrant(ctx, store, body, res);
      case 'password':
        return passwordGrant(ctx, store, body, res);
      case 'refresh_token':
        return refreshGrant(ctx, store, body, res, outcome === 'invalid_grant');
      case undefined:
        return bjError(res, 400, 'grant_type is required');
      default:
        return bjError(res, 400, 'Unsupported grant_type');
    }
  };
}

type Body = Record<string, unknown>;

function clientGrant(ctx: SandboxContext, store: BlueJeansStore, body: Body, res: Response): void {
  const clientId = pick(body, 'client_id');
  const secret = pick(body, 'client_secret');
  if (!clientId || !secret) return bjError(res, 400, 'client_id and client_secret are required');
  ctx.count('bluejeans', clientId, 'client_credentials');
  const client = ctx.authenticateClient('bluejeans', clientId, secret);
  if (!client) return bjError(res, 401, 'Invalid client credentials');
  const issued = store.issue({ grant: 'client', clientId, scopes: client.scopes });
  res.json({
    access_token: issued.accessToken,
    expires_in: issued.expiresIn,
    scope: { enterprise: ENTERPRISE_ID, partitionName: PARTITION.name, partition: { ...PARTITION } },
  });
}

function codeGrant(ctx: SandboxContext, store: BlueJeansStore, body: Body, res: Response): void {
  const clientId = pick(body, 'client_id');
  const secret = pick(body, 'client_secret');
  // The SDK sends camelCase `redirectUri`; generic OAuth clients send `redirect_uri`.
  const redirectUri = pick(body, 'redirectUri', 'redirect_uri');
  const code = pick(body, 'code');
  if (!clientId || !secret || !redirectUri || !code) {
    return bjError(res, 400, 'client_id, client_secret, redirectUri and code are required');
  }
  ctx.count('bluejeans', clientId, 'token');
  if (!ctx.authenticateClient('bluejeans', clientId, secret)) return bjError(res, 401, 'Invalid client credentials');
  const record = store.codes.get(code);
  // Single use: the code is gone after the first attempt, successful or not.
  store.codes.delete(code);
  const verifier = pick(body, 'code_verifier', 'codeVerifier');
  const pkceOk = !record?.codeChallenge || verifyPkce(record.codeChallenge, record.codeChallengeMethod, verifier);
  if (
    !record ||
    record.expiresAt <= ctx.now() ||
    record.clientId !== clientId ||
    !safeEqual(record.redirectUri, redirectUri) ||
    !pkceOk
  ) {
    return bjError(res, 401, 'Invalid authorization code');
  }
  const issued = store.issue({ grant: 'code', clientId, userId: record.userId, scopes: record.scopes });
  res.json({
    access_token: issued.accessToken,
    refresh_token: issued.refreshToken,
    expires_in: issued.expiresIn,
    scope: codeScope(record.userId, record.scopes),
  });
}

function meetingGrant(ctx: SandboxContext, store: BlueJeansStore, body: Body, res: Response): void {
  // Numeric ids may arrive as JSON numbers; passcodes too (leading zeros are the caller's problem).
  const numericId = body.meetingNumericId === undefined ? undefined : String(body.meetingNumericId);
  const passcode = body.meetingPasscode === undefined ? undefined : String(body.meetingPasscode);
  if (!numericId || !passcode) return bjError(res, 400, 'meetingNumericId and meetingPasscode are required');
  ctx.count('bluejeans', `meeting:${numericId}`, 'token');
  const index = ctx.seed.meetings.findIndex((m) => m.meetingNumericId === numericId);
  const meeting = ctx.seed.meetings[index];
  const isModerator = meeting ? safeEqual(meeting.moderatorPasscode, passcode) : false;
  const isAttendee = meeting ? safeEqual(meeting.attendeePasscode, passcode) : false;
  if (!meeting || (!isModerator && !isAttendee)) return bjError(res, 401, 'Invalid meeting id or passcode');
  const issued = store.issue({ grant: 'meeting', scopes: [], meeting: { ...meeting, isModerator } });
  const meetingId = 7_000_001 + index;
  res.json({
    access_token: issued.accessToken,
    expires_in: issued.expiresIn,
    scope: {
      meeting: {
        id: meetingId,
        leaderId: meeting.leaderId,
        meetingNumericId: meeting.meetingNumericId,
        meetingUri: `/v1/user/${meeting.leaderId}/live_meetings/${meeting.meetingNumericId}`,
        isModerator,
        meetingId,
        endpointUriSet: [`sip:${meeting.meetingNumericId}@sip.sandbox.invalid`],
      },
      partitionName: PARTITION.name,
      partition: { ...PARTITION },
    },
  });
}

function passwordGrant(ctx: SandboxContext, store: BlueJeansStore, body: Body, res: Response): void {
  const username = pick(body, 'username');
  const password = pick(body, 'password');
  if (!username || !password) return bjError(res, 400, 'username and password are required');
  ctx.count('bluejeans', pick(body, 'client_id') ?? '(none)', 'token');
  const user = ctx.findUser(username, password);
  if (!user) return bjError(res, 401, 'Invalid username or password');
  const scopes = ['list_meetings', 'modify_meetings', 'user_info', 'meeting_history', 'modify_user_info'];
  const issued = store.issue({ grant: 'password', userId: user.id, scopes });
  res.json({
    access_token: issued.accessToken,
    refresh_token: issued.refreshToken,
    expires_in: issued.expiresIn,
    scope: { user: user.id, partitionName: PARTITION.name, partition: { ...PARTITION } },
  });
}

/**
 * Only code-grant refresh tokens refresh. Each refresh returns a new token
 * pair and retires the old refresh token and its access token.
 */
function refreshGrant(ctx: SandboxContext, store: BlueJeansStore, body: Body, res: Response, forceInvalid: boolean): void {
  const clientId = pick(body, 'client_id');
  const secret = pick(body, 'client_secret');
  const refreshToken = pick(body, 'refresh_token');
  if (!clientId || !secret || !refreshToken) return bjError(res, 400, 'client_id, client_secret and refresh_token are required');
  ctx.count('bluejeans', clientId, 'refresh');
  if (!ctx.authenticateClient('bluejeans', clientId, secret)) return bjError(res, 401, 'Invalid client credentials');
  const record = store.refresh.get(refreshToken);
  if (forceInvalid || !record || record.grant !== 'code' || record.clientId !== clientId || record.expiresAt <= ctx.now()) {
    return bjError(res, 401, 'Invalid refresh token');
  }
  store.refresh.delete(refreshToken);
  const previous = store.access.get(record.accessToken);
  if (previous) previous.revoked = true;
  const issued = store.issue({ grant: 'code', clientId, userId: record.userId, scopes: record.scopes });
  res.json({
    access_token: issued.accessToken,
    refresh_token: issued.refreshToken,
    expires_in: issued.expiresIn,
    scope: codeScope(record.userId, record.scopes),
  });
}
