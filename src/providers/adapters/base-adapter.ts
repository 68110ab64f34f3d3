import { NO_CLIENT_MANAGEMENT, type ClientManagementCapabilities } from '../client-management.js';
import type { ProviderConfig } from '../config/provider-config.js';
import { mapFailure, record } from '../http/map-failure.js';
import { UpstreamHttp, type UpstreamRequest, type UpstreamResponse } from '../http/upstream-http.js';
import type {
  AuthorizationRequest,
  CodeExchange,
  ProviderAdapter,
  ProviderCapabilities,
  ProviderKind,
  TokenSet,
  UpstreamIdentity,
} from '../provider-adapter.js';
import { UpstreamError, type UpstreamFailure } from '../upstream-error.js';

export type Verdict = { failure: UpstreamFailure; detail?: unknown } | undefined;

/** Per-kind facts; the per-provider grant flags come from the providers file. */
export type KindCapabilities = Omit<ProviderCapabilities, 'passwordGrant' | 'meetingGrant' | 'clientCredentials' | 'pkce' | OidcExtension>;

/** Off for every kind but generic, which turns them on from its metadata and the providers file. */
type OidcExtension = 'backchannelLogout' | 'rpInitiatedLogout' | 'par' | 'dpop';

/**
 * What every adapter shares: identity fields, capability flags merged from the
 * kind and the providers file, the HTTP client with the provider's timeout, and
 * the guard that refuses what a capability flag says is off.
 */
export abstract class BaseAdapter implements ProviderAdapter {
  readonly id: string;
  readonly kind: ProviderKind;
  readonly displayName: string;
  protected readonly http: UpstreamHttp;

  protected constructor(
    protected readonly config: ProviderConfig,
    private readonly kindCapabilities: KindCapabilities,
  ) {
    this.id = config.id;
    this.kind = config.kind;
    this.displayName = config.displayName;
    this.http = new UpstreamHttp(config.id, config.timeoutMs);
  }

  get capabilities(): ProviderCapabilities {
    return {
      ...this.kindCapabilities,
      pkce: this.config.pkce,
      passwordGrant: this.config.grants.password,
      meetingGrant: this.config.grants.meeting,
      clientCredentials: this.config.grants.clientCredentials,
      backchannelLogout: false,
      rpInitiatedLogout: false,
      par: false,
      dpop: false,
    };
  }

  /** None by default; the kinds with a management API override this. */
  get clientManagement(): ClientManagementCapabilities {
    return NO_CLIENT_MANAGEMENT;
  }

  async issuer(): Promise<string | undefined> {
    return undefined;
  }

  abstract authorizationUrl(request: AuthorizationRequest): Promise<string>;
  abstract exchangeCode(exchange: CodeExchange): Promise<TokenSet>;
  abstract refresh(refreshToken: string): Promise<TokenSet>;
  abstract revoke(tokens: { accessToken: string; refreshToken?: string }): Promise<void>;
  abstract tokenInfo(accessToken: string): Promise<Record<string, unknown>>;
  abstract identity(tokens: TokenSet): Promise<UpstreamIdentity>;

  get apiBaseUrl(): string | undefined {
    return this.config.endpoints.apiBaseUrl;
  }

  /** RFC 6750 §2.1, the way every kind but BlueJeans takes its token. */
  authorizeRelayRequest(_url: URL, headers: Record<string, string>, accessToken: string): void {
    headers.authorization = `Bearer ${accessToken}`;
  }

  /** How this provider's error bodies map to failures (429 and 5xx are handled before this). */
  protected abstract classify(response: UpstreamResponse, operation: string): Verdict;

  /** Sends (by `send`, e.g. with a DPoP proof; plain by default), and turns any answer outside `ok` into an UpstreamError. */
  protected async call(request: UpstreamRequest, ok: number[] = [200], send?: (request: UpstreamRequest) => Promise<UpstreamResponse>): Promise<UpstreamResponse> {
    const response = await (send ? send(request) : this.http.send(request));
    if (ok.includes(response.status)) return response;
    throw mapFailure(this.id, request.operation, response, (r) => this.classify(r, request.operation));
  }

  /** Throws unless `flag` is on: a route for something the provider cannot do answers 409. */
  protected require(flag: keyof ProviderCapabilities, operation: string): void {
    if (!this.capabilities[flag]) throw this.notSupported(operation);
  }

  protected notSupported(operation: string): UpstreamError {
    return new UpstreamError('not_supported', this.id, `${this.displayName} does not support ${operation}`);
  }

  protected badResponse(operation: string, what: string): UpstreamError {
    return new UpstreamError('bad_response', this.id, `${operation}: ${what}`);
  }

  /** Reads a required string field of a JSON answer. */
  protected requireString(body: unknown, field: string, operation: string): string {
    const value = record(body)[field];
    if (typeof value !== 'string' || !value) throw this.badResponse(operation, `the answer has no ${field}`);
    return value;
  }

  /** URL with query parameters; undefined values are left out. */
  protected withQuery(base: string, params: Record<string, string | undefined>): string {
    const url = new URL(base);
    for (const [key, value] of Object.entries(params)) if (value !== undefined) url.searchParams.set(key, value);
    return url.toString();
  }
}

/** `expires_in` seconds (number or numeric string) -> absolute Date. */
export function expiryFromSeconds(value: unknown, now = Date.now()): Date | undefined {
  const seconds = typeof value === 'string' && /^\d+$/.test(value) ? Number(value) : value;
  return typeof seconds === 'number' && Number.isFinite(seconds) && seconds > 0 ? new Date(now + seconds * 1000) : undefined;
}

export function splitScopes(value: unknown, separator: RegExp): string[] | undefined {
  return typeof value === 'string' ? value.split(separator).filter(Boolean) : undefined;
}
