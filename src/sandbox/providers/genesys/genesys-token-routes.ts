import type { Response, Router } from 'express';
import type { SandboxClient } from '../../core/contract.js';
import { bodyOf, str } from '../../core/http.js';
import { verifyPkce } from '../../core/pkce.js';
import { allowsGrant } from './genesys-client-model.js';
import { tokenError, tokenFaultBody } from './genesys-errors.js';
import type { GenesysState } from './genesys-state.js';
import type { GenesysGrant } from './genesys-token-store.js';

/** `Authorization: Basic base64(id:secret)`, tolerating RFC 6749's form-encoding of both parts. */
function basicCredentials(header: string | undefined): { clientId: string; secret: string } | undefined {
  const match = /^Basic +([A-Za-z0-9+/=]+) *$/i.exec(header ?? '');
  if (!match) return undefined;
  const decoded = Buffer.from(match[1], 'base64').toString('utf8');
  const colon = decoded.indexOf(':');
  if (colon < 0) return undefined;
  const unescape = (s: string) => {
    try {
      return decodeURIComponent(s.replace(/\+/g, ' '));
    } catch {
      return s;
    }
  };
  return { clientId: unescape(decoded.slice(0, colon)), secret: unescape(decoded.slice(colon + 1)) };
}

const fail = (res: Response, status: number, error: string, description: string) => {
  res.status(status).json(tokenError(error, description));
};

export function registerTokenRoutes(router: Router, state: GenesysState): void {
  const { ctx } = state;

  const issue = (res: Response, grant: GenesysGrant, withRefresh: boolean, familyId?: string) => {
    const accessToken = ctx.randomToken();
    const expiresIn = state.accessTokenSeconds(grant.clientId);
    const family = familyId ?? ctx.randomToken();
    state.tokens.saveAccessToken(accessToken, { ...grant, expiresAt: ctx.now() + expiresIn * 1000 }, withRefresh ? family : undefined);
    const body: Record<string, unknown> = { access_token: accessToken, token_type: 'bearer', expires_in: expiresIn };
    if (withRefresh) {
      const refreshToken = ctx.randomToken();
      state.tokens.saveRefreshToken(refreshToken, grant, ctx.now() + ctx.lifetimes('genesys').refreshTokenSeconds * 1000, family);
      body.refresh_token = refreshToken;
    }
    res.status(200).json(body);
  };

  router.post('/oauth/token', async (req, res) => {
    const body = bodyOf(req);
    const grantType = str(body.grant_type);
    const route = grantType === 'refresh_token' ? 'refresh' : 'token';
    const fault = await ctx.guardFault('genesys', route, res, tokenFaultBody);
    if (fault === 'answered') return;

    // A Basic header must be right; without one only a PKCE public client may name itself in the body.
    const basic = basicCredentials(req.get('authorization'));
    let client: SandboxClient | undefined;
    if (basic) {
      client = ctx.authenticateClient('genesys', basic.clientId, basic.secret);
      if (!client) return fail(res, 401, 'invalid_client', 'client not found or bad credentials');
    }
    const publicClientId = basic ? undefined : str(body.client_id);
    const clientId = client?.clientId ?? publicClientId;
    if (!clientId || !ctx.findClient('genesys', clientId)) return fail(res, 401, 'invalid_client', 'client not found or bad credentials');
    if (state.clients.get(clientId)?.state !== 'active') return fail(res, 401, 'invalid_client', 'client is not active');

    if (grantType === 'authorization_code') {
      ctx.count('genesys', clientId, 'token');
      const code = state.tokens.takeCode(str(body.code) ?? '', ctx.now());
      if (!code || code.clientId !== clientId) return fail(res, 400, 'invalid_grant', 'authorization code is invalid or expired');
      if (str(body.redirect_uri) !== code.redirectUri) return fail(res, 400, 'invalid_grant', 'redirect uri mismatch');
      if (code.codeChallenge === undefined && !client) return fail(res, 401, 'invalid_client', 'client authentication is required');
      if (code.codeChallenge !== undefined && !verifyPkce(code.codeChallenge, 'S256', body.code_verifier)) {
        return fail(res, 400, 'invalid_grant', 'code verifier does not match the code challenge');
      }
      state.authorizations.record(code.userId, clientId, code.scopes, new Date(ctx.now()).toISOString());
      return issue(res, { clientId, userId: code.userId, scopes: code.scopes, publicClient: !client }, true);
    }

    if (grantType === 'refresh_token') {
      ctx.count('genesys', clientId, 'refresh');
      if (fault === 'invalid_grant') return fail(res, 400, 'invalid_grant', 'refresh token is invalid or expired');
      const outcome = state.tokens.useRefreshToken(str(body.refresh_token) ?? '', clientId, ctx.now());
      if (!outcome.ok) return fail(res, 400, 'invalid_grant', `refresh token is ${outcome.reason === 'expired' ? 'expired' : 'invalid'}`);
      // A confidential client's refresh token stays bound to its secret.
      if (!outcome.grant.publicClient && !client) return fail(res, 401, 'invalid_client', 'client authentication is required');
      return issue(res, outcome.grant, true, outcome.familyId);
    }

    if (grantType === 'client_credentials') {
      ctx.count('genesys', clientId, 'client_credentials');
      if (!client) return fail(res, 401, 'invalid_client', 'client authentication is required');
      if (!allowsGrant(client, 'CLIENT-CREDENTIALS')) return fail(res, 400, 'unauthorized_client', 'client is not allowed the client_credentials grant');
      return issue(res, { clientId, scopes: state.clients.get(clientId)?.scope ?? [], publicClient: false }, false);
    }

    return fail(res, 400, 'unsupported_grant_type', `unsupported grant type: ${grantType ?? '(none)'}`);
  });
}
