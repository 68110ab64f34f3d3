import type { Request, Response } from 'express';
import type { SandboxClient, SandboxContext } from '../../core/contract.js';
import { bodyOf, pick, sendPage, splitScopes, withParams } from '../../core/http.js';
import { atError, pcFaultBody } from './errors.js';
import type { PhoneComStore } from './store.js';

/**
 * `GET /oauth/authorization` renders the sign-in form, which posts back to
 * the same path; success is a 302 to `redirect_uri?code=...&state=...`.
 * `response_type=token` (implicit grant, never used by the BFF) puts the
 * token in the fragment instead. Invalid parameters answer 422 `@error`.
 */

interface AuthorizationRequest {
  client: SandboxClient;
  responseType: 'code' | 'token';
  redirectUri: string;
  scopes: string[];
  state?: string;
  codeChallenge?: string;
}

function parse(ctx: SandboxContext, params: unknown): AuthorizationRequest | { error: string } {
  const clientId = pick(params, 'client_id');
  if (!clientId) return { error: 'client_id is required' };
  const client = ctx.findClient('phonecom', clientId);
  if (!client) return { error: 'client_id is invalid' };
  const responseType = pick(params, 'response_type');
  if (responseType !== 'code' && responseType !== 'token') return { error: "response_type must be 'code' or 'token'" };
  const redirectUri = pick(params, 'redirect_uri');
  if (!redirectUri || !client.redirectUris.includes(redirectUri)) return { error: 'redirect_uri is invalid' };
  const scopes = splitScopes(pick(params, 'scope'), /\s+/);
  if (!scopes.length || scopes.some((s) => !client.scopes.includes(s))) return { error: 'scope is invalid' };
  const codeChallenge = pick(params, 'code_challenge');
  if (codeChallenge && (pick(params, 'code_challenge_method') ?? 'S256') !== 'S256') {
    return { error: 'code_challenge_method must be S256' };
  }
  return { client, responseType, redirectUri, scopes, state: pick(params, 'state'), codeChallenge };
}

function form(ctx: SandboxContext, req: Request, a: AuthorizationRequest, error?: string): string {
  const hidden: Record<string, string> = {
    client_id: a.client.clientId,
    response_type: a.responseType,
    redirect_uri: a.redirectUri,
    scope: a.scopes.join(' '),
  };
  if (a.state !== undefined) hidden.state = a.state;
  if (a.codeChallenge) Object.assign(hidden, { code_challenge: a.codeChallenge, code_challenge_method: 'S256' });
  return ctx.loginPage({
    title: `Sign in to Phone.com — ${a.client.name}`,
    action: req.baseUrl + '/oauth/authorization',
    hidden,
    fields: 'password',
    error,
  });
}

export function authorizationPage(ctx: SandboxContext) {
  return async (req: Request, res: Response): Promise<void> => {
    if ((await ctx.guardFault('phonecom', 'authorize', res, pcFaultBody)) === 'answered') return;
    const parsed = parse(ctx, req.query);
    if ('error' in parsed) return atError(res, 422, parsed.error);
    ctx.count('phonecom', parsed.client.clientId, 'authorize');
    sendPage(res, 200, form(ctx, req, parsed));
  };
}

export function authorizationSubmit(ctx: SandboxContext, store: PhoneComStore) {
  return async (req: Request, res: Response): Promise<void> => {
    if ((await ctx.guardFault('phonecom', 'login', res, pcFaultBody)) === 'answered') return;
    const body = bodyOf(req);
    const parsed = parse(ctx, body);
    if ('error' in parsed) return atError(res, 422, parsed.error);
    const user = ctx.findUser(pick(body, 'username') ?? '', pick(body, 'password') ?? '');
    if (!user) return sendPage(res, 401, form(ctx, req, parsed, 'Invalid username or password.'));
    const clientId = parsed.client.clientId;
    if (parsed.responseType === 'token') {
      const issued = store.issue({ clientId, accountId: user.id, scopes: parsed.scopes });
      const fragment = new URLSearchParams({
        access_token: issued.accessToken,
        token_type: 'Bearer',
        expires_in: String(issued.expiresIn),
        scope: parsed.scopes.join(' '),
        ...(parsed.state !== undefined ? { state: parsed.state } : {}),
      });
      return res.redirect(302, `${parsed.redirectUri}#${fragment.toString()}`);
    }
    const code = ctx.randomToken();
    store.codes.set(code, {
      clientId,
      redirectUri: parsed.redirectUri,
      accountId: user.id,
      scopes: parsed.scopes,
      expiresAt: ctx.now() + ctx.lifetimes('phonecom').codeSeconds * 1000,
      codeChallenge: parsed.codeChallenge,
      codeChallengeMethod: parsed.codeChallenge ? 'S256' : undefined,
    });
    res.redirect(302, withParams(parsed.redirectUri, { code, state: parsed.state }));
  };
}
