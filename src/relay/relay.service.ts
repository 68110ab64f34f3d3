import { Inject, Injectable, Logger } from '@nestjs/common';
import type { Response } from 'express';
import type { Dispatcher } from 'undici';
import { DomainError } from '../common/errors/domain-error.js';
import { requestIdOf } from '../common/http/request-id.js';
import { APP_CONFIG, type AppConfig } from '../config/app-config.js';
import type { ProviderAdapter } from '../providers/provider-adapter.js';
import { CircuitBreakers } from '../providers/circuit-breakers.js';
import { ProviderRegistry } from '../providers/provider-registry.js';
import { RateLimits } from '../rate-limit/rate-limits.service.js';
import type { AuthenticatedRequest } from '../sessions/session-request.js';
import { AccessTokenProvider, type ValidAccessToken } from '../tokens/access-token.provider.js';
import { RelayAllowlist } from './relay-allowlist.js';
import { isReplayable, readRelayBody, type RelayBody } from './relay-body.js';
import { bodyTooLarge, routeNotAllowed, upstreamTimeout, upstreamUnreachable } from './relay-errors.js';
import { upstreamRequestHeaders } from './relay-headers.js';
import { NOT_ALLOWLISTED_ROUTE, RelayMeter } from './relay-meter.js';
import { RelayMetrics } from './relay-metrics.js';
import { normaliseRelayUrl } from './relay-path.js';
import { forwardResponse, isTokenRejection } from './relay-response.js';
import { buildUpstreamUrl } from './relay-target.js';
import { classifyFailure, RelayUpstream } from './relay-upstream.js';

interface Exchange {
  adapter: ProviderAdapter;
  url: URL;
  headers: Record<string, string>;
  body: RelayBody;
  method: string;
  clientGone: AbortSignal;
}

/**
 * `ANY /v1/api/{provider}/{path}`: normalise, allowlist, filter headers, attach the
 * user's token the provider's way, stream both bodies, and retry once after a token
 * rejection when the body can be sent again. Docs: docs/relay.md.
 */
@Injectable()
export class RelayService {
  private readonly logger = new Logger('RelayService');
  private readonly allowlists = new Map<string, RelayAllowlist>();
  /** Headers never sent upstream, per provider: the global list plus the provider's own. */
  private readonly stripHeaders = new Map<string, string[]>();
  private readonly settings: AppConfig['relay'];

  constructor(
    @Inject(APP_CONFIG) config: AppConfig,
    @Inject(ProviderRegistry) private readonly registry: ProviderRegistry,
    @Inject(RelayUpstream) private readonly upstream: RelayUpstream,
    @Inject(RelayMetrics) private readonly metrics: RelayMetrics,
    @Inject(RelayMeter) private readonly meter: RelayMeter,
    @Inject(AccessTokenProvider) private readonly tokens: AccessTokenProvider,
    @Inject(CircuitBreakers) private readonly breakers: CircuitBreakers,
    @Inject(RateLimits) private readonly rateLimits: RateLimits,
  ) {
    this.settings = config.relay;
    for (const adapter of registry.list()) {
      const relay = registry.configOf(adapter.id).relay;
      this.allowlists.set(adapter.id, new RelayAllowlist(adapter.id, relay?.allow ?? []));
      this.stripHeaders.set(adapter.id, [...this.settings.stripHeaders, ...(relay?.stripHeaders ?? [])]);
    }
  }

  async relay(req: AuthenticatedRequest, res: Response): Promise<void> {
    // Per session (RATE_LIMIT_RELAY), before any work: 429 with Retry-After when over.
    await this.rateLimits.enforce('relay', req.auth!.session.id);
    const started = performance.now();
    const target = normaliseRelayUrl(req.originalUrl);
    const adapter = this.registry.get(target.provider);
    let status = 500;
    let route: string | undefined;
    let bytesOut = 0;
    let errorCode: string | undefined;
    try {
      route = this.allowlists.get(adapter.id)!.match(req.method, target.segments).template;
      const base = this.registry.configOf(adapter.id).relay?.baseUrl ?? adapter.apiBaseUrl;
      if (!base) throw routeNotAllowed(adapter.id);
      const headers = upstreamRequestHeaders(req.headers, this.stripHeaders.get(adapter.id)!, requestIdOf(req));
      const url = buildUpstreamUrl(base, target.path, target.query);
      const body = await readRelayBody(req, this.settings);
      const clientGone = new AbortController();
      res.once('close', () => clientGone.abort());
      const exchange: Exchange = { adapter, url, headers, body, method: req.method, clientGone: clientGone.signal };
      const userId = req.auth!.session.userId;
      // Token failures pass through as problems; not-linked and re-login ones carry the login URL.
      let token = await this.tokens.forUser(userId, adapter.id);
      let answer = await this.attempt(exchange, token);
      if (isTokenRejection(answer.statusCode) && isReplayable(body)) {
        // One forced refresh and one retry; a second rejection is passed through as it is.
        await answer.body.dump();
        token = await this.tokens.afterRejection(userId, adapter.id, token.accessToken);
        answer = await this.attempt(exchange, token);
      }
      status = answer.statusCode;
      bytesOut = await forwardResponse(answer, res, { method: req.method, provider: adapter.id, maxBytes: this.settings.maxResponseBytes });
    } catch (error) {
      status = error instanceof DomainError ? error.status : 500;
      errorCode = error instanceof DomainError ? error.code : 'internal_error';
      throw error;
    } finally {
      const seconds = (performance.now() - started) / 1000;
      this.metrics.observe(adapter.id, status, seconds);
      this.record(req, adapter.id, route ?? NOT_ALLOWLISTED_ROUTE, status, seconds, bytesOut, errorCode);
    }
  }

  private async attempt(exchange: Exchange, token: ValidAccessToken): Promise<Dispatcher.ResponseData> {
    const url = new URL(exchange.url);
    const headers = { ...exchange.headers };
    exchange.adapter.authorizeRelayRequest(url, headers, token.accessToken);
    const { body } = exchange;
    if (body.kind === 'stream' && body.length !== undefined) headers['content-length'] = String(body.length);
    const signal = AbortSignal.any([AbortSignal.timeout(this.settings.timeoutMs), exchange.clientGone]);
    // Transport failures (unreachable, timeout) count against the provider's breaker; while it
    // is open, calls fail fast with 503 and Retry-After. Upstream 5xx answers do not count: one
    // user hitting a failing endpoint must not cut every user off the provider.
    const breaker = this.breakers.forProvider(exchange.adapter.id);
    return breaker.run(
      () => this.sendOnce(exchange, url, headers, signal),
      undefined,
      (error) => error instanceof DomainError && (error.status === 502 || error.status === 504),
    );
  }

  private async sendOnce(exchange: Exchange, url: URL, headers: Record<string, string>, signal: AbortSignal): Promise<Dispatcher.ResponseData> {
    const { body } = exchange;
    try {
      return await this.upstream.send({
        url,
        method: exchange.method,
        headers,
        body: body.kind === 'buffered' ? body.data : body.kind === 'stream' ? body.stream : undefined,
        signal,
      });
    } catch (error) {
      if (body.kind === 'stream' && body.stream.exceeded) throw bodyTooLarge(this.settings.maxBodyBytes);
      if (exchange.clientGone.aborted) throw error;
      const failure = classifyFailure(error, signal);
      this.logger.warn({ provider: exchange.adapter.id, failure, err: (error as Error).name }, 'relayed call failed');
      throw failure === 'timeout' ? upstreamTimeout(exchange.adapter.id) : upstreamUnreachable(exchange.adapter.id);
    }
  }

  private record(req: AuthenticatedRequest, provider: string, route: string, status: number, seconds: number, bytesOut: number, errorCode?: string): void {
    try {
      const session = req.auth?.session;
      const bytesIn = Number(req.headers['content-length']) || 0;
      this.meter.record({ provider, userId: session?.userId ?? '', sessionKind: session?.kind ?? 'web', method: req.method, route, status, durationMs: Math.round(seconds * 1000), bytesIn, bytesOut, errorCode });
    } catch (error) {
      this.logger.warn({ err: error }, 'relay metering failed');
    }
  }
}
