import { PassportStrategy } from '@nestjs/passport';
import passport from 'passport';
import type { Request } from 'express';
import { createHash } from 'node:crypto';
import { Strategy, type StrategyOptionsWithRequest } from 'passport-oauth2';
import type { AppConfig } from '../../config/app-config.js';
import { DomainError } from '../../common/errors/domain-error.js';
import type { ProviderAdapter, TokenSet } from '../../providers/provider-adapter.js';
import { revokeUnusedTokens } from '../login/revoke-unused-tokens.js';
import type { AuthenticatedRequestContext } from '../../sessions/session.types.js';
import { setLoginCookie } from '../login/login-binding-cookie.js';
import { randomToken, sha256, type LoginTransactionStore } from '../login/login-transaction.store.js';
import { safeReturnTo } from '../login/return-to.js';
import { nativeLoginRequest } from '../native/native-login-request.js';
import type { CallbackResult } from './callback-result.js';
import { TransactionStateStore, type RequestWithTransaction } from './transaction-state-store.js';

export interface ProviderStrategyDeps {
  name: string;
  adapter: ProviderAdapter;
  clientId: string;
  clientSecret: string;
  redirectUri: string;
  transactions: LoginTransactionStore;
  config: AppConfig;
}

type OAuthCallback = (err: unknown, accessToken?: string, refreshToken?: string, params?: TokenSet) => void;

const PROVIDER_ERROR = /^[a-z_]{1,64}$/;

/**
 * The code flow for one provider through passport-oauth2. The login leg builds
 * our own transaction (state, S256 PKCE, nonce, issuer, binding cookie) and lets
 * the adapter spell the authorize URL; the callback leg is passport-oauth2's,
 * with our state store and the adapter doing the code exchange.
 */
export class ProviderStrategy extends PassportStrategy(Strategy, undefined, 6) {
  constructor(private readonly deps: ProviderStrategyDeps) {
    super({
      // Placeholders: the adapter builds the authorize URL and exchanges the code. They must
      // parse as http URLs: passport-oauth2 feeds them to url.parse (DEP0170 otherwise).
      authorizationURL: 'https://adapter-builds-this.invalid/authorize',
      tokenURL: 'https://adapter-exchanges.invalid/token',
      clientID: deps.clientId,
      clientSecret: deps.clientSecret,
      callbackURL: deps.redirectUri,
      passReqToCallback: true,
      skipUserProfile: true,
      store: new TransactionStateStore(deps.adapter, deps.transactions, deps.config),
    } as unknown as StrategyOptionsWithRequest);
    this.name = deps.name;
    // The mixin registered us under passport-oauth2's generic name; register under ours.
    passport.use(deps.name, this);
    // Non-standard token endpoints (JSON bodies, code in a header, 201s) live in the adapter.
    const oauth2 = (this as unknown as { _oauth2: { getOAuthAccessToken: unknown } })._oauth2;
    oauth2.getOAuthAccessToken = (code: string, params: Record<string, string>, callback: OAuthCallback) => {
      deps.adapter
        .exchangeCode({ code, codeVerifier: params.code_verifier, redirectUri: deps.redirectUri, nonce: params.nonce })
        .then((tokens) => callback(null, tokens.accessToken, tokens.refreshToken, tokens), (error: unknown) => callback(error));
    };
  }

  authenticate(req: Request, options?: object): void {
    const query = req.query as Record<string, unknown>;
    // Any `error` (even a repeated one) ends the login here, before passport-oauth2's own handling.
    if (query.error !== undefined) return this.error(providerRefused(typeof query.error === 'string' ? query.error : ''));
    if (query.code !== undefined && typeof query.code !== 'string') {
      return this.error(new DomainError('login_response_invalid', 400, 'The authorization response is malformed.'));
    }
    if (query.code === undefined) {
      this.startLogin(req).then((url) => this.redirect(url), (error: Error) => this.error(error));
      return;
    }
    super.authenticate(req, { ...options, request: req });
  }

  // passport-oauth2 asks for extra token parameters after the state store ran, so
  // the transaction (and its OIDC nonce) is known here; the adapter checks the ID token.
  tokenParams(options: { request?: RequestWithTransaction }): Record<string, string> {
    const nonce = options.request?.loginTransaction?.nonce;
    return nonce ? { nonce } : {};
  }

  async validate(req: RequestWithTransaction, _access: string, _refresh: string, tokens: TokenSet): Promise<CallbackResult> {
    let identity;
    try {
      identity = await this.deps.adapter.identity(tokens);
    } catch (error) {
      await revokeUnusedTokens(this.deps.adapter, tokens);
      throw error;
    }
    return { provider: this.deps.adapter.id, tokens, identity, transaction: req.loginTransaction! };
  }

  private async startLogin(req: Request & { auth?: AuthenticatedRequestContext }): Promise<string> {
    const { adapter, config } = this.deps;
    // Validated before anything is stored: a bad native request is a 400, not a half-started login.
    const native = nativeLoginRequest(req.query as Record<string, unknown>, config);
    const state = randomToken();
    const binding = randomToken();
    const codeVerifier = randomToken();
    const nonce = adapter.kind === 'generic' ? randomToken() : undefined;
    await this.deps.transactions.save({
      state,
      provider: adapter.id,
      codeVerifier,
      nonce,
      issuer: await adapter.issuer(),
      returnTo: safeReturnTo((req.query as Record<string, unknown>).returnTo, config.sessions.appOrigins),
      bindingHash: sha256(binding),
      linkToUserId: req.auth?.session.userId,
      createdAt: Date.now(),
      ...(native ? { native } : {}),
    });
    setLoginCookie(req.res!, config, state, binding);
    const codeChallenge = createHash('sha256').update(codeVerifier).digest('base64url');
    return adapter.authorizationUrl({ state, codeChallenge, nonce, redirectUri: this.deps.redirectUri });
  }
}

function providerRefused(error: string): DomainError {
  // Only a plain error code is echoed, never the provider's free text.
  const code = PROVIDER_ERROR.test(error) ? error : 'unknown_error';
  return new DomainError('provider_refused', 400, `The provider did not complete the login (${code}).`, { providerError: code });
}
