import type { Request, Response } from 'express';
import type { SandboxClient, SandboxContext } from '../../core/contract.js';
import { bearerToken, bodyOf, pick, splitScopes } from '../../core/http.js';
import { safeEqual, verifyPkce } from '../../core/pkce.js';
import { atError, oauthError, pcFaultBody } from './errors.js';
import { CLIENT_OWNER_ACCOUNT, type PhoneComStore } from './store.js';

const GRANTS = ['authorization_code', 'client_credentials', 'password', 'refresh_token'];

/**
 * `POST /oauth/access-token`: parameters in a JSON body or the query string
 * (body wins). Success is 201 `{access_token, token_type, scope,
 * refresh_token, expires_in}`; missing data 422, bad client 401
 * invalid_client, grant not allowed 403 unauthorized_client, bad code /
 * credentials / refresh token 401 invalid_grant.
 */
export function createAccessToken(ctx: SandboxContext, store: PhoneComStore) {
  return async (req: Request, res: Response): Promise<void> => {
    const params: Record<string, unknown> = { ...(req.query as Record<string, unknown>), ...bodyOf(req) };
    const grantType = pick(params, 'grant_type');
    const outcome = await ctx.guardFault('phonecom', grantType === 'refresh_token' ? 'refresh' : 'token', res, pcFaultBody);
    if (outcome === 'answered') return;
    if (!grantType) return atError(res, 422, 'grant_type is required');
    if (!GRANTS.includes(grantType)) return atError(res, 422, 'grant_type is invalid');
    const clientId = pick(params, 'client_id');
    const secret = pick(params, 'client_secret');
    if (!clientId || !secret) return atError(res, 422, 'client_id and client_secret are required');
    ctx.count('phonecom', clientId, grantType === 'refresh_token' ? 'refresh' : grantType === 'client_credentials' ? 'client_credentials' : 'token');
    const client = ctx.authenticateClient('phonecom', clientId, secret);
    if (!client) return oauthError(res, 401, 'invalid_client', 'Client authentication failed');
    if (!client.grants.includes(grantType)) return oauthError(res, 403, 'unauthorized_client', 'Grant type not allowed for this client');

    const grant = resolveGrant(ctx, store, client, grantType, params, outcome === 'invalid_grant');
    if ('error' in grant) {
      return grant.status === 422 ? atError(res, 422, grant.error) : oauthError(res, 401, 'invalid_grant', grant.error);
    }
    const issued = store.issue({ clientId, accountId: grant.accountId, scopes: grant.scopes }, grant.reuseRefreshToken);
    res.status(201).json({
      access_token: issued.accessToken,
      token_type: 'Bearer',
      scope: grant.scopes.join(' '),
      refresh_token: issued.refreshToken,
      expires_in: issued.expiresIn,
    });
  };
}

type Grant = { accountId: number; scopes: string[]; reuseRefreshToken?: string } | { status: 401 | 422; error: string };

function requestedScopes(client: SandboxClient, params: Record<string, unknown>): string[] | undefined {
  const scopes = splitScopes(pick(params, 'scope'), /\s+/);
  if (!scopes.length) return ['account-owner'];
  return scopes.every((s) => client.scopes.includes(s)) ? scopes : undefined;
}

function resolveGrant(
  ctx: SandboxContext,
  store: PhoneComStore,
  client: SandboxClient,
  grantType: string,
  params: Record<string, unknown>,
  forceInvalid: boolean,
): Grant {
  const now = ctx.now();
  switch (grantType) {
    case 'authorization_code': {
      const code = pick(params, 'code');
      const redirectUri = pick(params, 'redirect_uri');
      if (!code || !redirectUri) return { status: 422, error: 'code and redirect_uri are required' };
      const record = store.codes.get(code);
      store.codes.delete(code); // single use, even when this attempt fails
      const pkceOk = !record?.codeChallenge || verifyPkce(record.codeChallenge, record.codeChallengeMethod, pick(params, 'code_verifier'));
      if (!record || record.expiresAt <= now || record.clientId !== client.clientId || !safeEqual(record.redirectUri, redirectUri) || !pkceOk) {
        return { status: 401, error: 'Authorization code is invalid or expired' };
      }
      return { accountId: record.accountId, scopes: record.scopes };
    }
    case 'client_credentials': {
      const scopes = requestedScopes(client, params);
      return scopes ? { accountId: CLIENT_OWNER_ACCOUNT, scopes } : { status: 422, error: 'scope is invalid' };
    }
    case 'password': {
      const username = pick(params, 'username');
      const password = pick(params, 'password');
      if (!username || !password) return { status: 422, error: 'username and password are required' };
      const scopes = requestedScopes(client, params);
      if (!scopes) return { status: 422, error: 'scope is invalid' };
      const user = ctx.findUser(username, password);
      return user ? { accountId: user.id, scopes } : { status: 401, error: 'Invalid username or password' };
    }
    default: {
      const refreshToken = pick(params, 'refresh_token');
      if (!refreshToken) return { status: 422, error: 'refresh_token is required' };
      const record = store.refresh.get(refreshToken);
      if (forceInvalid || !record || record.clientId !== client.clientId || record.expiresAt <= now) {
        return { status: 401, error: 'Refresh token is invalid or expired' };
      }
      return { accountId: record.accountId, scopes: record.scopes, reuseRefreshToken: refreshToken };
    }
  }
}

/** `GET /oauth/access-token` → `{scope, expires_at, scope_details:[{voip_id, extension_id?}]}` for the caller's token. */
export function getAccessToken(ctx: SandboxContext, store: PhoneComStore) {
  return async (req: Request, res: Response): Promise<void> => {
    if ((await ctx.guardFault('phonecom', 'tokenInfo', res, pcFaultBody)) === 'answered') return;
    const token = store.validAccess(bearerToken(req));
    if (!token) return atError(res, 401, 'Unauthorized');
    ctx.count('phonecom', token.clientId, 'api');
    const detail: { voip_id?: number; extension_id?: number } = {};
    if (token.scopes.includes('account-owner')) detail.voip_id = token.accountId;
    if (token.scopes.includes('extension-user')) detail.extension_id = token.accountId * 10 + 1;
    res.json({
      scope: token.scopes.join(' '),
      // Epoch seconds, like the rest of the v4 API.
      expires_at: Math.floor(token.expiresAt / 1000),
      scope_details: [detail],
    });
  };
}
