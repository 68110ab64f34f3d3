import type { Request, Response } from 'express';
import type { SandboxClient, SandboxContext } from '../../core/contract.js';
import { bodyOf, pick, sendPage, withParams } from '../../core/http.js';
import { CAL_MESSAGES, calError, calFaultBody } from './errors.js';
import { redirectAllowed, type CalcomStore } from './store.js';

/**
 * Cal.com's `POST /v2/oauth/{clientId}/authorize {redirectUri}` needs the
 * user's Cal.com web login. The emulator supplies that login:
 * `GET .../authorize?redirectUri=` shows a sign-in form that posts to the
 * real operation; a successful sign-in also sets a session cookie, after
 * which a bare `{redirectUri}` POST is enough. Success is a 302 to
 * `redirectUri?code=...` — no `state` is echoed, faithfully.
 */

const SESSION_COOKIE = 'calcom_sandbox_session';

function sessionUser(store: CalcomStore, req: Request): number | undefined {
  const cookies = (req.get('cookie') ?? '').split(';').map((c) => c.trim());
  const value = cookies.find((c) => c.startsWith(`${SESSION_COOKIE}=`))?.slice(SESSION_COOKIE.length + 1);
  return value ? store.sessions.get(value) : undefined;
}

function validate(ctx: SandboxContext, req: Request, params: unknown): { client: SandboxClient; redirectUri: string } | { error: string } {
  const client = ctx.findClient('calcom', String(req.params.clientId));
  if (!client) return { error: CAL_MESSAGES.badClient };
  const redirectUri = pick(params, 'redirectUri', 'redirect_uri');
  if (!redirectUri || !redirectAllowed(client, redirectUri)) return { error: CAL_MESSAGES.badRedirect };
  return { client, redirectUri };
}

function form(ctx: SandboxContext, req: Request, client: SandboxClient, hidden: Record<string, string>, error?: string): string {
  return ctx.loginPage({
    title: `Sign in to Cal.com — ${client.name}`,
    action: `${req.baseUrl}/v2/oauth/${encodeURIComponent(client.clientId)}/authorize`,
    hidden,
    fields: 'password',
    error,
  });
}

/** Carries the redirect URI and an optional PKCE challenge through the form. */
function hiddenFields(redirectUri: string, params: unknown): Record<string, string> {
  const hidden: Record<string, string> = { redirectUri };
  const challenge = pick(params, 'code_challenge', 'codeChallenge');
  if (challenge) hidden.code_challenge = challenge;
  return hidden;
}

export function authorizePage(ctx: SandboxContext) {
  return async (req: Request, res: Response): Promise<void> => {
    if ((await ctx.guardFault('calcom', 'authorize', res, calFaultBody(req))) === 'answered') return;
    const checked = validate(ctx, req, req.query);
    if ('error' in checked) return calError(req, res, 400, checked.error);
    ctx.count('calcom', checked.client.clientId, 'authorize');
    sendPage(res, 200, form(ctx, req, checked.client, hiddenFields(checked.redirectUri, req.query)));
  };
}

export function authorizeSubmit(ctx: SandboxContext, store: CalcomStore) {
  return async (req: Request, res: Response): Promise<void> => {
    if ((await ctx.guardFault('calcom', 'login', res, calFaultBody(req))) === 'answered') return;
    const body = bodyOf(req);
    const checked = validate(ctx, req, body);
    if ('error' in checked) return calError(req, res, 400, checked.error);
    const { client, redirectUri } = checked;
    const username = pick(body, 'username');
    let userId: number | undefined;
    if (username !== undefined) {
      const user = ctx.findUser(username, pick(body, 'password') ?? '');
      if (!user) return sendPage(res, 401, form(ctx, req, client, hiddenFields(redirectUri, body), 'Invalid username or password.'));
      userId = user.id;
      const session = ctx.randomToken();
      store.sessions.set(session, user.id);
      res.cookie(SESSION_COOKIE, session, { httpOnly: true, sameSite: 'lax', path: req.baseUrl || '/' });
    } else {
      userId = sessionUser(store, req);
      if (userId === undefined) return calError(req, res, 401, 'Not logged in to Cal.com');
    }
    const code = ctx.randomToken();
    store.codes.set(code, {
      clientId: client.clientId,
      userId,
      redirectUri,
      expiresAt: ctx.now() + ctx.lifetimes('calcom').codeSeconds * 1000,
      codeChallenge: pick(body, 'code_challenge', 'codeChallenge'),
    });
    res.redirect(302, withParams(redirectUri, { code }));
  };
}
