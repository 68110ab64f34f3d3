import type { Request, Response } from 'express';
import type { SandboxClient, SandboxContext } from '../../core/contract.js';
import { bodyOf, pick, sendPage, splitScopes, withParams } from '../../core/http.js';
import { bjError, bjFaultBody } from './errors.js';
import type { BlueJeansStore } from './store.js';

/**
 * `GET /oauth2/authorize` renders the sign-in form; the form posts back to the
 * same path. Parameters are camelCase on the wire (`clientId`, `redirectUri`,
 * `responseType`); snake_case is tolerated. A bad client or redirect URI is
 * answered 400 here rather than redirected, since the redirect is not trusted.
 */

interface AuthorizeRequest {
  client: SandboxClient;
  redirectUri: string;
  state?: string;
  scopes: string[];
  codeChallenge?: string;
  codeChallengeMethod?: string;
}

function parse(ctx: SandboxContext, params: unknown): AuthorizeRequest | { error: string } {
  const clientId = pick(params, 'clientId', 'client_id');
  const client = clientId ? ctx.findClient('bluejeans', clientId) : undefined;
  if (!client) return { error: 'Invalid client id' };
  const redirectUri = pick(params, 'redirectUri', 'redirect_uri');
  if (!redirectUri || !client.redirectUris.includes(redirectUri)) return { error: 'Invalid redirect uri' };
  const responseType = pick(params, 'responseType', 'response_type') ?? 'code';
  if (responseType !== 'code') return { error: 'Unsupported response type' };
  const requested = splitScopes(pick(params, 'scope'), /[,\s]+/);
  if (requested.some((s) => !client.scopes.includes(s))) return { error: 'Invalid scope' };
  const codeChallenge = pick(params, 'code_challenge', 'codeChallenge');
  const codeChallengeMethod = pick(params, 'code_challenge_method', 'codeChallengeMethod');
  if (codeChallenge && (codeChallengeMethod ?? 'S256') !== 'S256') return { error: 'Unsupported code challenge method' };
  return {
    client,
    redirectUri,
    state: pick(params, 'state'),
    scopes: requested.length ? requested : ['user_info'],
    codeChallenge,
    codeChallengeMethod: codeChallenge ? 'S256' : undefined,
  };
}

function hiddenFields(a: AuthorizeRequest): Record<string, string> {
  const hidden: Record<string, string> = {
    clientId: a.client.clientId,
    redirectUri: a.redirectUri,
    scope: a.scopes.join(','),
    responseType: 'code',
  };
  if (a.state !== undefined) hidden.state = a.state;
  if (a.codeChallenge) {
    hidden.code_challenge = a.codeChallenge;
    hidden.code_challenge_method = 'S256';
  }
  return hidden;
}

function renderForm(ctx: SandboxContext, req: Request, a: AuthorizeRequest, error?: string): string {
  return ctx.loginPage({
    title: `Sign in to BlueJeans — ${a.client.name}`,
    action: req.baseUrl + '/oauth2/authorize',
    hidden: hiddenFields(a),
    fields: 'password',
    error,
  });
}

export function authorizePage(ctx: SandboxContext) {
  return async (req: Request, res: Response): Promise<void> => {
    if ((await ctx.guardFault('bluejeans', 'authorize', res, bjFaultBody)) === 'answered') return;
    const parsed = parse(ctx, req.query);
    if ('error' in parsed) return bjError(res, 400, parsed.error);
    ctx.count('bluejeans', parsed.client.clientId, 'authorize');
    sendPage(res, 200, renderForm(ctx, req, parsed));
  };
}

export function authorizeSubmit(ctx: SandboxContext, store: BlueJeansStore) {
  return async (req: Request, res: Response): Promise<void> => {
    if ((await ctx.guardFault('bluejeans', 'login', res, bjFaultBody)) === 'answered') return;
    const body = bodyOf(req);
    // Hidden fields came back from the browser: validate them again, never trust them.
    const parsed = parse(ctx, body);
    if ('error' in parsed) return bjError(res, 400, parsed.error);
    const user = ctx.findUser(pick(body, 'username') ?? '', pick(body, 'password') ?? '');
    if (!user) return sendPage(res, 401, renderForm(ctx, req, parsed, 'Invalid username or password.'));
    const code = ctx.randomToken();
    store.codes.set(code, {
      clientId: parsed.client.clientId,
      redirectUri: parsed.redirectUri,
      userId: user.id,
      scopes: parsed.scopes,
      expiresAt: ctx.now() + ctx.lifetimes('bluejeans').codeSeconds * 1000,
      codeChallenge: parsed.codeChallenge,
      codeChallengeMethod: parsed.codeChallengeMethod,
    });
    res.redirect(302, withParams(parsed.redirectUri, { code, state: parsed.state }));
  };
}
