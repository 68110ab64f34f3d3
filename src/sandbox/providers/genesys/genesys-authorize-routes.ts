import type { Request, Response, Router } from 'express';
import { sendPage, str, withParams } from '../../core/http.js';
import { allowsGrant } from './genesys-client-model.js';
import { tokenError, tokenFaultBody } from './genesys-errors.js';
import type { GenesysState } from './genesys-state.js';

/** The authorize parameters carried from the GET into the login form's hidden fields. */
interface AuthorizeParams {
  client_id: string;
  redirect_uri: string;
  response_type: string;
  state?: string;
  scope?: string;
  code_challenge?: string;
  code_challenge_method?: string;
}

type Checked = { ok: true; params: AuthorizeParams } | { ok: false; status: number; body: unknown } | { ok: false; redirect: string };

/**
 * Client and redirect URI problems are shown to the user (never redirected:
 * the URI is not trusted yet); everything else goes back to the client as
 * an RFC 6749 error redirect.
 */
function checkAuthorize(state: GenesysState, source: Record<string, unknown>): Checked {
  const clientId = str(source.client_id);
  const redirectUri = str(source.redirect_uri);
  const client = clientId ? state.clients.get(clientId) : undefined;
  if (!client) return { ok: false, status: 400, body: tokenError('invalid_client', 'client not found') };
  if (!redirectUri || !client.registeredRedirectUri.includes(redirectUri)) {
    return { ok: false, status: 400, body: tokenError('invalid_request', 'redirect uri does not match a registered redirect uri') };
  }
  const params: AuthorizeParams = {
    client_id: client.id,
    redirect_uri: redirectUri,
    response_type: str(source.response_type) ?? '',
    state: str(source.state),
    scope: str(source.scope),
    code_challenge: str(source.code_challenge),
    code_challenge_method: str(source.code_challenge_method),
  };
  const back = (error: string, description: string) => ({
    ok: false as const,
    redirect: withParams(redirectUri, { error, error_description: description, state: params.state }),
  });
  if (params.response_type !== 'code') return back('unsupported_response_type', 'response_type must be code');
  const core = state.ctx.findClient('genesys', client.id)!;
  if (!allowsGrant(core, 'CODE') || client.state !== 'active') return back('unauthorized_client', 'client is not allowed the code grant');
  if (params.code_challenge_method !== undefined && params.code_challenge_method !== 'S256') {
    return back('invalid_request', 'code_challenge_method must be S256');
  }
  if (params.code_challenge_method !== undefined && !params.code_challenge) return back('invalid_request', 'code_challenge is required');
  return { ok: true, params };
}

function hiddenFields(params: AuthorizeParams): Record<string, string> {
  return Object.fromEntries(Object.entries(params).filter((e): e is [string, string] => e[1] !== undefined));
}

function answerProblem(res: Response, checked: Exclude<Checked, { ok: true }>): void {
  if ('redirect' in checked) res.redirect(302, checked.redirect);
  else res.status(checked.status).json(checked.body);
}

export function registerAuthorizeRoutes(router: Router, state: GenesysState): void {
  const { ctx } = state;
  const formAction = (req: Request) => `${req.baseUrl}/oauth/authorize`;

  router.get('/oauth/authorize', async (req, res) => {
    if ((await ctx.guardFault('genesys', 'authorize', res, tokenFaultBody)) === 'answered') return;
    const checked = checkAuthorize(state, req.query);
    if (!checked.ok) return answerProblem(res, checked);
    ctx.count('genesys', checked.params.client_id, 'authorize');
    sendPage(res, 200, ctx.loginPage({ title: 'Genesys Cloud sign in', action: formAction(req), hidden: hiddenFields(checked.params) }));
  });

  // The login form posts every authorize parameter back; they are re-checked because the page is client-controlled.
  router.post('/oauth/authorize', async (req, res) => {
    if ((await ctx.guardFault('genesys', 'authorize', res, tokenFaultBody)) === 'answered') return;
    const body = (req.body ?? {}) as Record<string, unknown>;
    const checked = checkAuthorize(state, body);
    if (!checked.ok) return answerProblem(res, checked);
    const user = ctx.findUser(str(body.username) ?? '', str(body.password) ?? '');
    if (!user) {
      const page = ctx.loginPage({ title: 'Genesys Cloud sign in', action: formAction(req), hidden: hiddenFields(checked.params), error: 'Invalid username or password.' });
      return sendPage(res, 401, page);
    }
    const { params } = checked;
    const code = ctx.randomToken();
    state.tokens.saveCode(code, {
      clientId: params.client_id,
      userId: user.id,
      redirectUri: params.redirect_uri,
      scopes: params.scope ? params.scope.split(/\s+/).filter(Boolean) : state.clients.get(params.client_id)!.scope,
      codeChallenge: params.code_challenge,
      expiresAt: ctx.now() + ctx.lifetimes('genesys').codeSeconds * 1000,
    });
    res.redirect(302, withParams(params.redirect_uri, { code, state: params.state }));
  });
}
