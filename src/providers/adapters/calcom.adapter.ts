import type { ProviderConfig } from '../config/provider-config.js';
import { record } from '../http/map-failure.js';
import type { UpstreamResponse } from '../http/upstream-http.js';
import type { AuthorizationRequest, CodeExchange, TokenSet, UpstreamIdentity } from '../provider-adapter.js';
import { BaseAdapter, type Verdict } from './base-adapter.js';

const INVALID_GRANT_MESSAGES = ['Invalid Authorization Token.', 'Invalid refresh token'];
const CLIENT_MESSAGES = ['Invalid OAuth Client.', 'Invalid client secret', "Invalid 'redirect_uri' value."];

/**
 * Cal.com platform: the code goes to `exchange` as `Authorization: Bearer`, the
 * secret in the body; refresh sends the secret as `x-cal-secret-key`. Expiries are
 * epoch milliseconds and refresh tokens rotate. No `state` comes back (the BFF
 * binds the transaction by cookie), and there is neither a revocation nor a
 * token-info operation: token info is read from `GET /v2/me`, which is the only
 * place that tells whether a token is live.
 */
export class CalcomAdapter extends BaseAdapter {
  private readonly base: string;

  constructor(config: ProviderConfig) {
    super(config, { echoesState: false, issParameter: false, refresh: true, rotatesRefreshTokens: true, revoke: false, tokenInfo: true });
    this.base = `${config.endpoints.apiBaseUrl}/v2/oauth/${encodeURIComponent(config.clientId)}`;
  }

  async authorizationUrl(request: AuthorizationRequest): Promise<string> {
    // `state` is sent although Cal.com does not echo it: harmless, and useful if a deployment does.
    return this.withQuery(this.config.endpoints.authorizeUrl!, {
      redirectUri: request.redirectUri,
      state: request.state,
      code_challenge: this.config.pkce ? request.codeChallenge : undefined,
      code_challenge_method: this.config.pkce ? 'S256' : undefined,
    });
  }

  async exchangeCode(exchange: CodeExchange): Promise<TokenSet> {
    const json = { clientSecret: this.config.clientSecret, ...(this.config.pkce ? { codeVerifier: exchange.codeVerifier } : {}) };
    const response = await this.call({ method: 'POST', url: `${this.base}/exchange`, headers: { authorization: `Bearer ${exchange.code}` }, json, operation: 'code exchange' });
    return this.tokenSet(response.body, 'code exchange');
  }

  async refresh(refreshToken: string): Promise<TokenSet> {
    const headers = { 'x-cal-secret-key': this.config.clientSecret };
    const response = await this.call({ method: 'POST', url: `${this.base}/refresh`, headers, json: { refreshToken }, operation: 'token refresh' });
    return this.tokenSet(response.body, 'token refresh');
  }

  async revoke(_tokens: { accessToken: string; refreshToken?: string }): Promise<void> {
    throw this.notSupported('token revocation');
  }

  /** What Cal.com will say about a token: live (and whose) or not; expiry is known only from the exchange. */
  async tokenInfo(accessToken: string): Promise<Record<string, unknown>> {
    const me = await this.me(accessToken, 'token info');
    return { active: true, userId: me.id, username: me.username };
  }

  async identity(tokens: TokenSet): Promise<UpstreamIdentity> {
    const me = await this.me(tokens.accessToken, 'identity');
    if (typeof me.id !== 'number' && typeof me.id !== 'string') throw this.badResponse('identity', 'the answer has no user id');
    return {
      subject: String(me.id),
      displayName: typeof me.name === 'string' ? me.name : undefined,
      email: typeof me.email === 'string' ? me.email : undefined,
    };
  }

  private async me(accessToken: string, operation: string): Promise<Record<string, unknown>> {
    const url = `${this.config.endpoints.apiBaseUrl}/v2/me`;
    const response = await this.call({ method: 'GET', url, headers: { authorization: `Bearer ${accessToken}` }, operation });
    return record(record(response.body).data);
  }

  private tokenSet(body: unknown, operation: string): TokenSet {
    const data = record(record(body).data);
    return {
      accessToken: this.requireString(data, 'accessToken', operation),
      refreshToken: this.requireString(data, 'refreshToken', operation),
      expiresAt: epochMs(data.accessTokenExpiresAt),
      refreshExpiresAt: epochMs(data.refreshTokenExpiresAt),
      // Cal.com grants a platform client's fixed permissions; the configured scopes name them.
      scopes: [...this.config.scopes],
    };
  }

  /** `{status:"error", error:{code, message}}`; 498 is an expired access token. */
  protected classify(response: UpstreamResponse): Verdict {
    const message = record(record(response.body).error).message;
    if (typeof message === 'string' && INVALID_GRANT_MESSAGES.includes(message)) return { failure: 'invalid_grant', detail: message };
    if (typeof message === 'string' && CLIENT_MESSAGES.includes(message)) return { failure: 'invalid_client', detail: message };
    if (response.status === 401 || response.status === 498) return { failure: 'unauthorized', detail: message };
    return { failure: 'bad_response', detail: message };
  }
}

/** Epoch milliseconds (number or numeric string); an ISO date is tolerated too. */
function epochMs(value: unknown): Date | undefined {
  if (typeof value === 'number' && Number.isFinite(value)) return new Date(value);
  if (typeof value === 'string' && /^\d+$/.test(value)) return new Date(Number(value));
  if (typeof value === 'string' && !Number.isNaN(Date.parse(value))) return new Date(value);
  return undefined;
}
