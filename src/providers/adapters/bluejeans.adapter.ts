import type { ClientManagementCapabilities } from '../client-management.js';
import type { ProviderConfig } from '../config/provider-config.js';
import { record } from '../http/map-failure.js';
import type { UpstreamResponse } from '../http/upstream-http.js';
import type { AuthorizationRequest, CodeExchange, TokenSet, UpstreamIdentity } from '../provider-adapter.js';
import { UpstreamError } from '../upstream-error.js';
import { BaseAdapter, expiryFromSeconds, type Verdict } from './base-adapter.js';

// Developer applications: create, update and new secret, but no list, read or delete upstream.
const BLUEJEANS_CLIENT_MANAGEMENT: ClientManagementCapabilities = Object.freeze({
  list: false,
  get: false,
  create: true,
  update: true,
  delete: false,
  regenerateSecret: true,
  scopes: false,
  authorizations: false,
  registry: true,
});

type Grant = 'Code' | 'Refresh' | 'Password' | 'Meeting' | 'Client';

/**
 * BlueJeans: camelCase authorize parameters, a JSON token body routed on
 * `grant_type` (the `?Code`-style suffix is cosmetic), the token as
 * `?access_token=` on calls, and a `scope` *object* in token answers from which
 * the user id and granted permissions are read. Errors are `{message}`; a bad
 * code or bad credentials answer 401.
 */
export class BlueJeansAdapter extends BaseAdapter {
  constructor(config: ProviderConfig) {
    super(config, { echoesState: true, issParameter: false, refresh: true, rotatesRefreshTokens: true, revoke: true, tokenInfo: true });
  }

  override get clientManagement(): ClientManagementCapabilities {
    return BLUEJEANS_CLIENT_MANAGEMENT;
  }

  async authorizationUrl(request: AuthorizationRequest): Promise<string> {
    return this.withQuery(this.config.endpoints.authorizeUrl!, {
      clientId: this.config.clientId,
      redirectUri: request.redirectUri,
      responseType: 'code',
      state: request.state,
      scope: this.config.scopes.join(','),
      code_challenge: this.config.pkce ? request.codeChallenge : undefined,
      code_challenge_method: this.config.pkce ? 'S256' : undefined,
    });
  }

  exchangeCode(exchange: CodeExchange): Promise<TokenSet> {
    return this.token('Code', 'code exchange', {
      grant_type: 'authorization_code',
      client_id: this.config.clientId,
      client_secret: this.config.clientSecret,
      redirectUri: exchange.redirectUri,
      code: exchange.code,
      code_verifier: this.config.pkce ? exchange.codeVerifier : undefined,
    });
  }

  refresh(refreshToken: string): Promise<TokenSet> {
    return this.token('Refresh', 'token refresh', {
      grant_type: 'refresh_token',
      client_id: this.config.clientId,
      client_secret: this.config.clientSecret,
      refresh_token: refreshToken,
    });
  }

  async passwordGrant(username: string, password: string): Promise<TokenSet> {
    this.require('passwordGrant', 'the password grant');
    const body = { grant_type: 'password', username, password, client_id: this.config.clientId, client_secret: this.config.clientSecret };
    return this.token('Password', 'password grant', body);
  }

  async meetingGrant(meetingId: string, passcode: string): Promise<TokenSet> {
    this.require('meetingGrant', 'the meeting grant');
    return this.token('Meeting', 'meeting grant', { grant_type: 'meeting_passcode', meetingNumericId: meetingId, meetingPasscode: passcode });
  }

  async clientCredentials(): Promise<TokenSet> {
    this.require('clientCredentials', 'the client credentials grant');
    return this.token('Client', 'client credentials grant', { grant_type: 'client_credentials', client_id: this.config.clientId, client_secret: this.config.clientSecret });
  }

  /** 400 means "unknown or already revoked": the token is dead either way, which is what revoke is for. */
  async revoke(tokens: { accessToken: string }): Promise<void> {
    const url = `${this.config.endpoints.revokeUrl}?Revoke&access_token=${encodeURIComponent(tokens.accessToken)}`;
    const body = { client_id: this.config.clientId, client_secret: this.config.clientSecret };
    await this.call({ method: 'DELETE', url, json: body, operation: 'revocation' }, [200, 204, 400]);
  }

  async tokenInfo(accessToken: string): Promise<Record<string, unknown>> {
    const url = this.withQuery(this.config.endpoints.tokenInfoUrl!, { access_token: accessToken });
    return record((await this.call({ method: 'GET', url, operation: 'token info' })).body);
  }

  /** BlueJeans reads the token from `?access_token=`; a caller-supplied one is replaced, never forwarded. */
  override authorizeRelayRequest(url: URL, _headers: Record<string, string>, accessToken: string): void {
    // Edit the raw query so the caller's other parameters pass through byte for byte.
    const kept = url.search.slice(1).split('&').filter((pair) => pair !== '' && !/^access_token(=|$)/i.test(pair));
    kept.push(`access_token=${encodeURIComponent(accessToken)}`);
    url.search = `?${kept.join('&')}`;
  }

  async identity(tokens: TokenSet): Promise<UpstreamIdentity> {
    const meeting = record(tokens.extra?.meeting);
    if (meeting.meetingNumericId !== undefined) return { subject: `meeting:${String(meeting.meetingNumericId)}` };
    const known = tokens.extra?.user;
    const user = typeof known === 'number' && known > 0 ? known : Number((await this.tokenInfo(tokens.accessToken)).user);
    if (!Number.isInteger(user) || user <= 0) {
      if (tokens.extra?.enterprise !== undefined) return { subject: `enterprise:${String(tokens.extra.enterprise)}` };
      throw this.badResponse('identity', 'the token names no user');
    }
    return { subject: String(user), ...(await this.profile(user, tokens)) };
  }

  /** Display name and email need the `user_info` scope; without it the subject alone identifies the user. */
  private async profile(user: number, tokens: TokenSet): Promise<Omit<UpstreamIdentity, 'subject'>> {
    if (!tokens.scopes.includes('user_info')) return {};
    const url = this.withQuery(`${this.config.endpoints.apiBaseUrl}/v1/user/${user}`, { access_token: tokens.accessToken });
    try {
      const body = record((await this.call({ method: 'GET', url, operation: 'user profile' })).body);
      const name = [body.firstName, body.lastName].filter((p) => typeof p === 'string' && p).join(' ');
      return { displayName: name || undefined, email: typeof body.emailId === 'string' ? body.emailId : undefined };
    } catch (error) {
      if (error instanceof UpstreamError && (error.failure === 'unavailable' || error.failure === 'rate_limited')) throw error;
      return {};
    }
  }

  private async token(grant: Grant, operation: string, body: Record<string, unknown>): Promise<TokenSet> {
    const response = await this.call({ method: 'POST', url: `${this.config.endpoints.tokenUrl}?${grant}`, json: stripUndefined(body), operation });
    return this.tokenSet(response.body, operation, grant);
  }

  private tokenSet(body: unknown, operation: string, grant: Grant): TokenSet {
    const answer = record(body);
    const scope = record(answer.scope);
    const extra: Record<string, unknown> = {};
    for (const key of ['user', 'enterprise', 'partitionName', 'meeting'] as const) if (scope[key] !== undefined) extra[key] = scope[key];
    return {
      accessToken: this.requireString(answer, 'access_token', operation),
      refreshToken: typeof answer.refresh_token === 'string' ? answer.refresh_token : undefined,
      expiresAt: expiryFromSeconds(answer.expires_in),
      scopes: grantedScopes(answer.scope, grant === 'Code' || grant === 'Refresh' ? this.config.scopes : []),
      extra,
    };
  }

  protected classify(response: UpstreamResponse, operation: string): Verdict {
    const message = record(response.body).message;
    const aboutClient = typeof message === 'string' && /client/i.test(message);
    if (response.status === 401) {
      if (aboutClient) return { failure: 'invalid_client', detail: message };
      // On the token endpoint a 401 is a rejected code, refresh token, password or passcode.
      return { failure: operation.includes('grant') || operation.includes('exchange') || operation.includes('refresh') ? 'invalid_grant' : 'unauthorized', detail: message };
    }
    if (response.status === 403) return { failure: 'unauthorized', detail: message };
    return { failure: 'bad_response', detail: message };
  }
}

/**
 * Granted scopes: the scope object's `bearerPermissions` when it lists names (the
 * public spec leaves the field undescribed), a comma string if a server sends one,
 * otherwise what was asked for.
 */
function grantedScopes(scope: unknown, requested: string[]): string[] {
  if (typeof scope === 'string') return scope.split(/[,\s]+/).filter(Boolean);
  const listed = record(scope).bearerPermissions;
  if (Array.isArray(listed) && listed.every((s) => typeof s === 'string')) return listed as string[];
  return [...requested];
}

function stripUndefined(body: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(body).filter(([, v]) => v !== undefined));
}
