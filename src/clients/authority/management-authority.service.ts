import { Inject, Injectable } from '@nestjs/common';
import { AppTokenService } from '../../auth/app-tokens/app-token.service.js';
import { CircuitBreakers } from '../../providers/circuit-breakers.js';
import { UpstreamHttp, type UpstreamRequest, type UpstreamResponse } from '../../providers/http/upstream-http.js';
import type { ProviderAdapter } from '../../providers/provider-adapter.js';
import { ProviderRegistry } from '../../providers/provider-registry.js';
import { AccessTokenProvider } from '../../tokens/access-token.provider.js';
import { managementFailure } from './management-errors.js';
import type { ManagementActor, ManagementAuthority, ManagementCall, ManagementResult } from './management-call.js';

const DEFAULT_OK = [200, 201, 202, 204];

/**
 * Decides whose authority an upstream management call runs under and performs it.
 *
 * By default the caller's own linked token (refreshed ahead of expiry by the tokens
 * module), so the upstream's permissions decide what a user may do; a rejected token
 * is refreshed once and the call repeated. Where the providers file sets
 * `management.opsAppToken`, users with the `ops` role act with the BFF's
 * client-credentials app token instead. Every call goes through the provider's
 * circuit breaker and timeout; failures become problem+json (management-errors.ts).
 * Shared by the clients and usage modules: keep this API stable.
 */
@Injectable()
export class ManagementAuthorityService {
  private readonly clients = new Map<string, UpstreamHttp>();

  constructor(
    @Inject(ProviderRegistry) private readonly registry: ProviderRegistry,
    @Inject(AccessTokenProvider) private readonly tokens: AccessTokenProvider,
    @Inject(AppTokenService) private readonly appTokens: AppTokenService,
    @Inject(CircuitBreakers) private readonly breakers: CircuitBreakers,
  ) {}

  /** Whose token a call by `actor` to `provider` uses. Not linked: 409 `provider_not_linked` with `loginUrl` (with `returnTo` when `X-Return-To` was safe). */
  async authorityFor(actor: ManagementActor, provider: string): Promise<ManagementAuthority> {
    const adapter = this.registry.get(provider);
    if (this.usesAppToken(actor, adapter.id)) {
      const token = await this.appTokens.get(adapter.id);
      return { kind: 'app', provider: adapter.id, accessToken: token.accessToken, cacheScope: 'app' };
    }
    const { accessToken, account } = await this.tokens.forUser(actor.userId, adapter.id);
    return { kind: 'user', provider: adapter.id, accessToken, subject: account.subject, cacheScope: `user:${actor.userId}` };
  }

  /** True when `actor` acts with the app token at `provider` (cache partitioning needs it before any call). */
  usesAppToken(actor: ManagementActor, provider: string): boolean {
    return this.registry.configOf(provider).management?.opsAppToken === true && actor.roles.includes('ops');
  }

  /** Performs `call` with `actor`'s authority and returns the parsed JSON body. */
  async request<T = unknown>(actor: ManagementActor, provider: string, call: ManagementCall): Promise<T> {
    return (await this.send<T>(actor, provider, call)).body;
  }

  /** Like `request`, with the status and headers; `authority` is already resolved when given. */
  async send<T = unknown>(actor: ManagementActor, provider: string, call: ManagementCall, authority?: ManagementAuthority): Promise<ManagementResult<T>> {
    const adapter = this.registry.get(provider);
    let current = authority ?? (await this.authorityFor(actor, adapter.id));
    let response = await this.exchange(adapter, call, current.accessToken);
    if (response.status === 401 && current.kind === 'user') {
      // Revoked or expired early: refresh once (unless another request already did), then try again.
      const renewed = await this.tokens.afterRejection(actor.userId, adapter.id, current.accessToken);
      current = { ...current, accessToken: renewed.accessToken };
      response = await this.exchange(adapter, call, current.accessToken);
    }
    return this.settle<T>(adapter, call, response, current.kind);
  }

  /**
   * Performs `call` with a credential the caller holds (an RFC 7591 initial access
   * token, an RFC 7592 registration access token) or none; same breaker, timeout and
   * error mapping.
   */
  async sendWithCredential<T = unknown>(provider: string, call: ManagementCall, bearer: string | undefined): Promise<ManagementResult<T>> {
    const adapter = this.registry.get(provider);
    const response = await this.exchange(adapter, call, undefined, bearer);
    return this.settle<T>(adapter, call, response, 'explicit');
  }

  private settle<T>(adapter: ProviderAdapter, call: ManagementCall, response: UpstreamResponse, authority: ManagementResult['authority']): ManagementResult<T> {
    if (!(call.ok ?? DEFAULT_OK).includes(response.status)) {
      throw managementFailure({ provider: adapter.id, operation: call.operation, permission: call.permission }, response);
    }
    return { status: response.status, body: response.body as T, headers: response.headers, authority };
  }

  private exchange(adapter: ProviderAdapter, call: ManagementCall, accessToken: string | undefined, bearer?: string): Promise<UpstreamResponse> {
    const url = this.target(adapter, call);
    const headers: Record<string, string> = { ...call.headers };
    if (accessToken !== undefined) adapter.authorizeRelayRequest(url, headers, accessToken);
    else if (bearer !== undefined) headers.authorization = `Bearer ${bearer}`;
    const request: UpstreamRequest = { method: call.method, url: url.toString(), headers, json: call.json, operation: call.operation };
    // 5xx answers count against the breaker like transport failures; the caller still gets them mapped to 502.
    return this.breakers.forProvider(adapter.id).run(
      () => this.http(adapter.id).send(request),
      (response) => response.status >= 500,
    );
  }

  private target(adapter: ProviderAdapter, call: ManagementCall): URL {
    const base = call.url ?? `${(adapter.apiBaseUrl ?? '').replace(/\/+$/, '')}${call.path ?? ''}`;
    const url = new URL(base);
    for (const [key, value] of Object.entries(call.query ?? {})) if (value !== undefined) url.searchParams.set(key, value);
    return url;
  }

  /** One HTTP client (keep-alive pool) per provider, with that provider's timeout. */
  private http(provider: string): UpstreamHttp {
    let client = this.clients.get(provider);
    if (!client) {
      client = new UpstreamHttp(provider, this.registry.configOf(provider).timeoutMs);
      this.clients.set(provider, client);
    }
    return client;
  }
}
