import type { ProviderConfig } from '../config/provider-config.js';
import { oauthErrorFailure, record } from '../http/map-failure.js';
import type { UpstreamResponse } from '../http/upstream-http.js';
import type { ClientManagementCapabilities } from '../client-management.js';
import { GENESYS_CLIENT_USAGE } from './genesys-client-usage.js';
import type { AuthorizationRequest, CodeExchange, TokenSet, UpstreamIdentity } from '../provider-adapter.js';
import { BaseAdapter, expiryFromSeconds, splitScopes, type Verdict } from './base-adapter.js';

const GENESYS_CLIENT_MANAGEMENT: ClientManagementCapabilities = Object.freeze({
  list: true,
  get: true,
  create: true,
  update: true,
  delete: true,
  regenerateSecret: true,
  scopes: true,
  authorizations: true,
  registry: false,
});

/**
 * Genesys Cloud: login host for authorize/token (form bodies, client
 * authenticated with HTTP Basic, PKCE S256), API host for the user. No
 * revocation endpoint is documented, so logout is local only (revoke: false);
 * there is no token-info operation in the contract either. Whether refresh
 * tokens rotate is undocumented: treat them as rotating, and keep the old one
 * when an answer carries none.
 */
export class GenesysAdapter extends BaseAdapter {
  constructor(config: ProviderConfig) {
    super(config, { echoesState: true, issParameter: false, refresh: true, rotatesRefreshTokens: true, revoke: false, tokenInfo: false });
  }

  readonly clientUsage = GENESYS_CLIENT_USAGE;

  /** OAuth client CRUD, secret regeneration, the scope catalogue and authorizations (`/api/v2/oauth/...`). */
  override get clientManagement(): ClientManagementCapabilities {
    return GENESYS_CLIENT_MANAGEMENT;
  }

  async authorizationUrl(request: AuthorizationRequest): Promise<string> {
    return this.withQuery(this.config.endpoints.authorizeUrl!, {
      client_id: this.config.clientId,
      redirect_uri: request.redirectUri,
      response_type: 'code',
      state: request.state,
      scope: this.config.scopes.length ? this.config.scopes.join(' ') : undefined,
      code_challenge: this.config.pkce ? request.codeChallenge : undefined,
      code_challenge_method: this.config.pkce ? 'S256' : undefined,
    });
  }

  exchangeCode(exchange: CodeExchange): Promise<TokenSet> {
    const form = {
      grant_type: 'authorization_code',
      code: exchange.code,
      redirect_uri: exchange.redirectUri,
      code_verifier: this.config.pkce ? exchange.codeVerifier : undefined,
    };
    return this.token(form, 'code exchange');
  }

  refresh(refreshToken: string): Promise<TokenSet> {
    return this.token({ grant_type: 'refresh_token', refresh_token: refreshToken }, 'token refresh', refreshToken);
  }

  async clientCredentials(scopes?: string[]): Promise<TokenSet> {
    this.require('clientCredentials', 'the client credentials grant');
    const scope = (scopes ?? []).join(' ') || undefined;
    return this.token({ grant_type: 'client_credentials', scope }, 'client credentials grant');
  }

  async revoke(_tokens: { accessToken: string; refreshToken?: string }): Promise<void> {
    throw this.notSupported('token revocation');
  }

  async tokenInfo(_accessToken: string): Promise<Record<string, unknown>> {
    throw this.notSupported('token info');
  }

  async identity(tokens: TokenSet): Promise<UpstreamIdentity> {
    const url = `${this.config.endpoints.apiBaseUrl}/api/v2/users/me`;
    const response = await this.call({ method: 'GET', url, headers: { authorization: `Bearer ${tokens.accessToken}` }, operation: 'identity' });
    const user = record(response.body);
    return {
      subject: this.requireString(user, 'id', 'identity'),
      displayName: typeof user.name === 'string' ? user.name : undefined,
      email: typeof user.email === 'string' ? user.email : undefined,
    };
  }

  private async token(form: Record<string, string | undefined>, operation: string, previousRefresh?: string): Promise<TokenSet> {
    const basic = Buffer.from(`${encodeURIComponent(this.config.clientId)}:${encodeURIComponent(this.config.clientSecret)}`).toString('base64');
    const response = await this.call({ method: 'POST', url: this.config.endpoints.tokenUrl!, headers: { authorization: `Basic ${basic}` }, form, operation });
    const body = record(response.body);
    const refreshToken = typeof body.refresh_token === 'string' ? body.refresh_token : previousRefresh;
    return {
      accessToken: this.requireString(body, 'access_token', operation),
      refreshToken: form.grant_type === 'client_credentials' ? undefined : refreshToken,
      expiresAt: expiryFromSeconds(body.expires_in),
      // The token answer names no scopes; the client's configured scopes are the best statement of the grant.
      scopes: splitScopes(body.scope, /\s+/) ?? [...this.config.scopes],
    };
  }

  /** Login host: RFC 6749 `{error, error_description}`; API host: `{message, code, status}`. */
  protected classify(response: UpstreamResponse): Verdict {
    const body = record(response.body);
    const oauth = oauthErrorFailure(body.error);
    if (oauth) return { failure: oauth, detail: body.error_description ?? body.description };
    if (response.status === 401 || response.status === 403) return { failure: 'unauthorized', detail: body.message };
    return { failure: 'bad_response', detail: body.message ?? body.error_description };
  }
}
