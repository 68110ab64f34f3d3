import type { ClientManagementCapabilities } from '../../client-management.js';
import { DpopKey } from '../../dpop/dpop-key.js';
import { DpopSender } from '../../dpop/dpop-sender.js';
import type { ProviderConfig } from '../../config/provider-config.js';
import { oauthErrorFailure, record } from '../../http/map-failure.js';
import type { UpstreamResponse } from '../../http/upstream-http.js';
import type {
  AuthorizationRequest,
  CodeExchange,
  EndSessionRequest,
  LogoutTokenClaims,
  ProviderCapabilities,
  RefreshOptions,
  TokenSet,
  UpstreamIdentity,
} from '../../provider-adapter.js';
import { UpstreamError } from '../../upstream-error.js';
import { BaseAdapter, expiryFromSeconds, splitScopes, type Verdict } from '../base-adapter.js';
import { DiscoveryCache, type ServerMetadata } from './discovery.js';
import { IdTokenVerifier } from './id-token.js';
import { LogoutTokenVerifier } from './logout-token.js';
import { oidcCapabilities } from './oidc-capabilities.js';

/**
 * Any RFC 6749 / OpenID Connect server, configured by its issuer alone:
 * discovery (cached), code + PKCE S256, nonce and ID token verification (jose),
 * RFC 9207 `iss`, refresh, RFC 7009 revocation, RFC 7662 introspection as token
 * info, userinfo as identity. Capabilities that depend on the metadata
 * (issParameter, revoke, tokenInfo) are final once `issuer()` has resolved;
 * before that they are what a standard server offers.
 */
export class GenericAdapter extends BaseAdapter {
  private readonly discovery: DiscoveryCache;
  private readonly idTokens: IdTokenVerifier;
  private readonly logoutTokens: LogoutTokenVerifier;
  private readonly configuredIssuer: string;
  private readonly dpopSender: DpopSender;

  constructor(config: ProviderConfig, opts: { discoveryTtlMs?: number } = {}) {
    super(config, { echoesState: true, issParameter: true, refresh: true, rotatesRefreshTokens: true, revoke: true, tokenInfo: true });
    this.configuredIssuer = config.endpoints.issuer!;
    this.discovery = new DiscoveryCache(config.id, this.configuredIssuer, this.http, opts.discoveryTtlMs);
    this.idTokens = new IdTokenVerifier(config.id, config.timeoutMs);
    this.logoutTokens = new LogoutTokenVerifier(config.id, config.timeoutMs);
    this.dpopSender = new DpopSender(this.http);
  }

  override get capabilities(): ProviderCapabilities {
    const base = super.capabilities;
    const metadata = this.discovery.peek();
    if (!metadata) return base;
    return {
      ...base,
      issParameter: metadata.authorization_response_iss_parameter_supported === true,
      revoke: Boolean(metadata.revocation_endpoint),
      tokenInfo: Boolean(metadata.introspection_endpoint),
      ...oidcCapabilities(metadata, this.config.oidc),
    };
  }

  /**
   * RFC 7591 registration and RFC 7592 read/update/delete when discovery names a
   * `registration_endpoint` (assumed until discovery says otherwise). Standard
   * servers cannot list clients, so the BFF keeps a registry of what it registered.
   */
  override get clientManagement(): ClientManagementCapabilities {
    const metadata = this.discovery.peek();
    const registration = metadata ? Boolean(metadata.registration_endpoint) : true;
    return {
      list: false,
      get: registration,
      create: registration,
      update: registration,
      delete: registration,
      regenerateSecret: false,
      scopes: false,
      authorizations: false,
      registry: registration,
    };
  }

  /** The RFC 7591 registration endpoint from discovery, if the server has one. */
  async registrationEndpoint(): Promise<string | undefined> {
    return (await this.discovery.get()).registration_endpoint;
  }

  /** Relayed calls default to the issuer's host and path (e.g. its userinfo); set `relay.baseUrl` for a separate API host. */
  override get apiBaseUrl(): string {
    return this.configuredIssuer.replace(/\/+$/, '');
  }

  /** Resolves discovery, so capabilities are final afterwards. */
  override async issuer(): Promise<string> {
    return (await this.discovery.get()).issuer;
  }

  async authorizationUrl(request: AuthorizationRequest): Promise<string> {
    const metadata = await this.discovery.get();
    const methods = metadata.code_challenge_methods_supported;
    // SECURITY.md §4: a server that says it cannot do S256 must be marked `pkce: false` explicitly.
    if (this.config.pkce && methods && !methods.includes('S256')) {
      throw new UpstreamError('not_supported', this.id, 'the provider does not support PKCE S256; set pkce: false for it explicitly');
    }
    const params = {
      response_type: 'code',
      client_id: this.config.clientId,
      redirect_uri: request.redirectUri,
      scope: this.config.scopes.join(' '),
      state: request.state,
      nonce: request.nonce,
      code_challenge: this.config.pkce ? request.codeChallenge : undefined,
      code_challenge_method: this.config.pkce ? 'S256' : undefined,
    };
    if (!this.capabilities.par) return this.withQuery(metadata.authorization_endpoint, params);
    // RFC 9126 §4: the parameters go over the back channel (authenticated); the browser carries only request_uri.
    return this.withQuery(metadata.authorization_endpoint, { client_id: this.config.clientId, request_uri: await this.pushAuthorizationRequest(metadata, params) });
  }

  private async pushAuthorizationRequest(metadata: ServerMetadata, params: Record<string, string | undefined>): Promise<string> {
    const request = { method: 'POST' as const, url: metadata.pushed_authorization_request_endpoint!, form: params, operation: 'pushed authorization request' };
    const response = await this.call(this.authenticated(metadata, request), [201, 200]);
    return this.requireString(response.body, 'request_uri', request.operation);
  }

  async verifyLogoutToken(logoutToken: string): Promise<LogoutTokenClaims> {
    const metadata = await this.discovery.get();
    this.require('backchannelLogout', 'back-channel logout');
    return this.logoutTokens.verify(logoutToken, metadata.jwks_uri, { issuer: metadata.issuer, clientId: this.config.clientId });
  }

  /** OIDC RP-Initiated Logout 1.0 §2: client_id always, so the provider can check the redirect even without a hint. */
  async endSessionUrl(request: EndSessionRequest): Promise<string> {
    const metadata = await this.discovery.get();
    this.require('rpInitiatedLogout', 'RP-initiated logout');
    return this.withQuery(metadata.end_session_endpoint!, {
      client_id: this.config.clientId,
      id_token_hint: request.idTokenHint,
      post_logout_redirect_uri: request.postLogoutRedirectUri,
      state: request.state,
    });
  }

  async exchangeCode(exchange: CodeExchange): Promise<TokenSet> {
    const form = {
      grant_type: 'authorization_code',
      code: exchange.code,
      redirect_uri: exchange.redirectUri,
      code_verifier: this.config.pkce ? exchange.codeVerifier : undefined,
    };
    // RFC 9449: a new key per grant; the link stores it (sealed) with the tokens bound to it.
    const { tokens, metadata } = await this.token(form, 'code exchange', await this.dpopKey());
    if (tokens.idToken) {
      const claims = await this.idTokens.verify(tokens.idToken, metadata.jwks_uri, { issuer: metadata.issuer, clientId: this.config.clientId, nonce: exchange.nonce });
      tokens.extra = { ...tokens.extra, subject: claims.sub };
    } else if (this.config.scopes.includes('openid')) {
      throw this.badResponse('code exchange', 'no id_token although openid was requested');
    }
    return tokens;
  }

  /** With DPoP on, the link's own key proves possession (a link made before DPoP was enabled gets a new one). */
  async refresh(refreshToken: string, options: RefreshOptions = {}): Promise<TokenSet> {
    const form = { grant_type: 'refresh_token', refresh_token: refreshToken };
    const { tokens, metadata } = await this.token(form, 'token refresh', await this.dpopKey(options.dpop));
    if (tokens.idToken) {
      const claims = await this.idTokens.verify(tokens.idToken, metadata.jwks_uri, { issuer: metadata.issuer, clientId: this.config.clientId });
      tokens.extra = { ...tokens.extra, subject: claims.sub };
    }
    // A server that does not rotate answers without a refresh token: the old one stays good.
    return { ...tokens, refreshToken: tokens.refreshToken ?? refreshToken };
  }

  async clientCredentials(scopes?: string[]): Promise<TokenSet> {
    this.require('clientCredentials', 'the client credentials grant');
    const scope = (scopes ?? this.config.scopes.filter((s) => s !== 'openid')).join(' ') || undefined;
    return (await this.token({ grant_type: 'client_credentials', scope }, 'client credentials grant')).tokens;
  }

  /** RFC 7009: the refresh token first (it usually takes the grant's access tokens with it), then the access token. */
  async revoke(tokens: { accessToken: string; refreshToken?: string }): Promise<void> {
    const metadata = await this.discovery.get();
    if (!metadata.revocation_endpoint) throw this.notSupported('token revocation');
    const send = (token: string, hint: string) =>
      this.call(this.authenticated(metadata, { method: 'POST', url: metadata.revocation_endpoint!, form: { token, token_type_hint: hint }, operation: 'revocation' }));
    if (tokens.refreshToken) await send(tokens.refreshToken, 'refresh_token');
    await send(tokens.accessToken, 'access_token');
  }

  /** RFC 7662 introspection. */
  async tokenInfo(accessToken: string): Promise<Record<string, unknown>> {
    const metadata = await this.discovery.get();
    if (!metadata.introspection_endpoint) throw this.notSupported('token introspection');
    const request = { method: 'POST' as const, url: metadata.introspection_endpoint, form: { token: accessToken, token_type_hint: 'access_token' }, operation: 'introspection' };
    return record((await this.call(this.authenticated(metadata, request))).body);
  }

  /** Userinfo when published (its `sub` must match the ID token's), else the verified ID token claims. */
  async identity(tokens: TokenSet): Promise<UpstreamIdentity> {
    const metadata = await this.discovery.get();
    const idSubject = typeof tokens.extra?.subject === 'string' ? tokens.extra.subject : undefined;
    if (!metadata.userinfo_endpoint) {
      if (!idSubject) throw this.badResponse('identity', 'no userinfo endpoint and no verified ID token');
      return { subject: idSubject };
    }
    const userinfo = { method: 'GET' as const, url: metadata.userinfo_endpoint, operation: 'userinfo' };
    const dpop = tokens.dpop;
    const response = dpop
      ? await this.call(userinfo, [200], (request) => this.dpopSender.resourceRequest(dpop, tokens.accessToken, request))
      : await this.call({ ...userinfo, headers: { authorization: `Bearer ${tokens.accessToken}` } });
    const info = record(response.body);
    const subject = this.requireString(info, 'sub', 'userinfo');
    if (idSubject !== undefined && subject !== idSubject) throw this.badResponse('userinfo', 'sub differs from the ID token (OIDC Core §5.3.2)');
    return {
      subject,
      displayName: typeof info.name === 'string' ? info.name : typeof info.preferred_username === 'string' ? info.preferred_username : undefined,
      email: typeof info.email === 'string' ? info.email : undefined,
    };
  }

  /** The key to prove possession with when the provider uses DPoP (capabilities are final after discovery); else none. */
  private async dpopKey(existing?: DpopKey): Promise<DpopKey | undefined> {
    await this.discovery.get();
    if (!this.capabilities.dpop) return undefined;
    return existing ?? DpopKey.generate();
  }

  private async token(form: Record<string, string | undefined>, operation: string, dpop?: DpopKey): Promise<{ tokens: TokenSet; metadata: ServerMetadata }> {
    const metadata = await this.discovery.get();
    const request = this.authenticated(metadata, { method: 'POST' as const, url: metadata.token_endpoint, form, operation });
    const response = dpop ? await this.call(request, [200], (r) => this.dpopSender.tokenRequest(dpop, r)) : await this.call(request);
    const body = record(response.body);
    const tokens: TokenSet = {
      accessToken: this.requireString(body, 'access_token', operation),
      refreshToken: typeof body.refresh_token === 'string' ? body.refresh_token : undefined,
      expiresAt: expiryFromSeconds(body.expires_in),
      // RFC 6749 §5.1: no `scope` in the answer means exactly what was requested.
      scopes: splitScopes(body.scope, /\s+/) ?? (form.scope ? form.scope.split(' ') : [...this.config.scopes]),
      idToken: typeof body.id_token === 'string' ? body.id_token : undefined,
    };
    // RFC 9449 §5: only a `DPoP` token type is bound to the key; a server that ignored the proof issued a bearer token.
    if (dpop && typeof body.token_type === 'string' && body.token_type.toLowerCase() === 'dpop') tokens.dpop = dpop;
    return { tokens, metadata };
  }

  /** client_secret_basic unless the server only lists client_secret_post. */
  private authenticated<T extends { headers?: Record<string, string>; form?: Record<string, string | undefined> }>(metadata: ServerMetadata, request: T): T {
    const methods = metadata.token_endpoint_auth_methods_supported;
    if (methods && !methods.includes('client_secret_basic') && methods.includes('client_secret_post')) {
      return { ...request, form: { ...request.form, client_id: this.config.clientId, client_secret: this.config.clientSecret } };
    }
    // RFC 6749 §2.3.1: both parts form-urlencoded before base64.
    const basic = Buffer.from(`${formEncode(this.config.clientId)}:${formEncode(this.config.clientSecret)}`).toString('base64');
    return { ...request, headers: { ...request.headers, authorization: `Basic ${basic}` } };
  }

  protected classify(response: UpstreamResponse, operation: string): Verdict {
    const body = record(response.body);
    const error = body.error ?? dpopChallengeError(response.headers);
    // We already retried once with the nonce it gave: a second demand is a loop we do not follow.
    if (error === 'use_dpop_nonce') return { failure: 'dpop_rejected', detail: 'it demanded a new DPoP nonce again after one retry' };
    const oauth = oauthErrorFailure(error);
    if (oauth) return { failure: oauth, detail: body.error_description ?? error };
    if (response.status === 401) return { failure: operation === 'userinfo' ? 'unauthorized' : 'invalid_client', detail: body.error_description };
    return { failure: 'bad_response', detail: body.error_description };
  }
}

/** A resource server's `WWW-Authenticate: DPoP error="..."` (RFC 9449 §7.1), when the body says nothing. */
function dpopChallengeError(headers: Headers): string | undefined {
  return /^\s*DPoP\b.*\berror="?([a-z_]+)/i.exec(headers.get('www-authenticate') ?? '')?.[1];
}

function formEncode(value: string): string {
  return encodeURIComponent(value).replace(/%20/g, '+');
}
