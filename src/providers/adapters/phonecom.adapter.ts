import type { ProviderConfig } from '../config/provider-config.js';
import { oauthErrorFailure, record } from '../http/map-failure.js';
import type { UpstreamResponse } from '../http/upstream-http.js';
import type { AuthorizationRequest, CodeExchange, TokenSet, UpstreamIdentity } from '../provider-adapter.js';
import { UpstreamError } from '../upstream-error.js';
import { BaseAdapter, expiryFromSeconds, splitScopes, type Verdict } from './base-adapter.js';

/**
 * Phone.com v4: token requests are JSON and succeed with 201; refresh tokens do
 * not rotate; `GET /oauth/access-token` describes the caller's token and names
 * its account (`scope_details[].voip_id`). Errors come either as RFC 6749
 * `{error, error_description}` or as `{"@error": {"@httpStatusCode", "@message"}}`
 * (UPSTREAMS.md leaves it open), so both are read. No revocation is documented.
 */
export class PhoneComAdapter extends BaseAdapter {
  constructor(config: ProviderConfig) {
    super(config, { echoesState: true, issParameter: false, refresh: true, rotatesRefreshTokens: false, revoke: false, tokenInfo: true });
  }

  async authorizationUrl(request: AuthorizationRequest): Promise<string> {
    return this.withQuery(this.config.endpoints.authorizeUrl!, {
      client_id: this.config.clientId,
      response_type: 'code',
      scope: this.config.scopes.join(' '),
      redirect_uri: request.redirectUri,
      state: request.state,
      code_challenge: this.config.pkce ? request.codeChallenge : undefined,
      code_challenge_method: this.config.pkce ? 'S256' : undefined,
    });
  }

  exchangeCode(exchange: CodeExchange): Promise<TokenSet> {
    const code_verifier = this.config.pkce ? exchange.codeVerifier : undefined;
    return this.token({ grant_type: 'authorization_code', code: exchange.code, redirect_uri: exchange.redirectUri, code_verifier }, 'code exchange');
  }

  /** The refresh token does not rotate; an answer without one keeps the old. */
  async refresh(refreshToken: string): Promise<TokenSet> {
    const tokens = await this.token({ grant_type: 'refresh_token', refresh_token: refreshToken }, 'token refresh');
    return { ...tokens, refreshToken: tokens.refreshToken ?? refreshToken };
  }

  async passwordGrant(username: string, password: string): Promise<TokenSet> {
    this.require('passwordGrant', 'the password grant');
    return this.token({ grant_type: 'password', username, password, scope: this.config.scopes.join(' ') }, 'password grant');
  }

  async clientCredentials(scopes?: string[]): Promise<TokenSet> {
    this.require('clientCredentials', 'the client credentials grant');
    return this.token({ grant_type: 'client_credentials', scope: (scopes ?? this.config.scopes).join(' ') }, 'client credentials grant');
  }

  async revoke(_tokens: { accessToken: string; refreshToken?: string }): Promise<void> {
    throw this.notSupported('token revocation');
  }

  async tokenInfo(accessToken: string): Promise<Record<string, unknown>> {
    const response = await this.call({ method: 'GET', url: this.config.endpoints.tokenInfoUrl!, headers: { authorization: `Bearer ${accessToken}` }, operation: 'token info' });
    return record(response.body);
  }

  /** The account (voip id) is the subject; an extension-only token is `ext:<extension id>`. */
  async identity(tokens: TokenSet): Promise<UpstreamIdentity> {
    const info = await this.tokenInfo(tokens.accessToken);
    const details = Array.isArray(info.scope_details) ? info.scope_details.map(record) : [];
    const voipId = details.find((d) => d.voip_id !== undefined)?.voip_id;
    const extensionId = details.find((d) => d.extension_id !== undefined)?.extension_id;
    if (voipId === undefined && extensionId === undefined) throw this.badResponse('identity', 'the token names no account');
    if (voipId === undefined) return { subject: `ext:${String(extensionId)}` };
    return { subject: String(voipId), ...(await this.account(String(voipId), tokens.accessToken)) };
  }

  private async account(voipId: string, accessToken: string): Promise<Omit<UpstreamIdentity, 'subject'>> {
    const url = `${this.config.endpoints.apiBaseUrl}/accounts/${encodeURIComponent(voipId)}`;
    try {
      const body = record((await this.call({ method: 'GET', url, headers: { authorization: `Bearer ${accessToken}` }, operation: 'account' })).body);
      const email = record(body.contact).primary_email;
      return { displayName: typeof body.name === 'string' ? body.name : undefined, email: typeof email === 'string' ? email : undefined };
    } catch (error) {
      // The profile is a nicety: only an outage stops the login.
      if (error instanceof UpstreamError && (error.failure === 'unavailable' || error.failure === 'rate_limited')) throw error;
      return {};
    }
  }

  private async token(fields: Record<string, string | undefined>, operation: string): Promise<TokenSet> {
    const json = Object.fromEntries(
      Object.entries({ ...fields, client_id: this.config.clientId, client_secret: this.config.clientSecret }).filter(([, v]) => v !== undefined && v !== ''),
    );
    const response = await this.call({ method: 'POST', url: this.config.endpoints.tokenUrl!, json, operation }, [200, 201]);
    const body = record(response.body);
    return {
      accessToken: this.requireString(body, 'access_token', operation),
      refreshToken: typeof body.refresh_token === 'string' && body.refresh_token ? body.refresh_token : undefined,
      expiresAt: expiryFromSeconds(body.expires_in),
      scopes: splitScopes(body.scope, /\s+/) ?? [...this.config.scopes],
    };
  }

  protected classify(response: UpstreamResponse, operation: string): Verdict {
    const body = record(response.body);
    const oauth = oauthErrorFailure(body.error);
    if (oauth) return { failure: oauth, detail: body.error_description };
    const message = record(body['@error'])['@message'];
    if (response.status === 401 || response.status === 403) {
      return { failure: operation === 'token info' || operation === 'account' || operation === 'identity' ? 'unauthorized' : 'invalid_client', detail: message };
    }
    return { failure: 'bad_response', detail: message };
  }
}
