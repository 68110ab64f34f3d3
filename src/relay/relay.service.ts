import { Inject, Injectable, Logger } from '@nestjs/common';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { DomainError } from '../common/errors/domain-error.js';
import { APP_CONFIG, type AppConfig } from '../config/app-config.js';
import { CircuitBreakers } from '../providers/circuit-breakers.js';
import { RepeatedFailureLog } from '../logging/repeated-failure-log.js';
import { ProviderRegistry } from '../providers/provider-registry.js';
import { AccessTokenProvider, type ValidAccessToken } from '../tokens/access-token.provider.js';
import { isReplayable, readRelayBody, type RelayBody } from './relay-body.js';
import { bodyTooLarge, responseTooLarge, routeNotAllowed, upstreamTimeout, upstreamUnreachable } from './relay-errors.js';
import { afterDpopRefusal, RelayDpop } from './relay-dpop.js';
import { ExchangeFailed, UpstreamExchange, type ExchangeOutcome } from './relay-exchange.js';
import { upstreamRequestHeaders, type FixedAnswerHeaders } from './relay-headers.js';
import { NOT_ALLOWLISTED_ROUTE, RelayMeter } from './relay-meter.js';
import { RelayMetrics } from './relay-metrics.js';
import { normaliseRelayUrl } from './relay-path.js';
import { buildProviderRelays, type ProviderRelay } from './relay-providers.js';
import { upstreamUrl } from './relay-target.js';
import { classifyFailure, RelayUpstream } from './relay-upstream.js';

/** What the relay needs to know about the caller; the session check happened before. */
export interface RelayCall {
  userId: string;
  /** The session's kind (`web` or `native`), for usage metering. */
  sessionKind: string;
  requestId: string;
  /** The raw request target (`req.url` / `originalUrl`), never decoded params. */
  target: string;
  /**
   * Gives the caller the last word on a refusal before it is recorded (metrics, usage
   * metering) and thrown: RelayEdge turns an account refusal for a session that is gone
   * into 401 (RelayEdge.confirmRefusal), and the records then say 401 too.
   */
  settleRefusal?: (req: IncomingMessage, error: unknown) => Promise<unknown>;
  /**
   * Headers every answer must carry that the caller left unset (RelayEdge: helmet's;
   * the request id goes with them): a relayed answer writes them in its head at once
   * (relayedAnswerHead), and the caller sets them itself on any other answer.
   */
  fixedHeaders?: FixedAnswerHeaders;
}

export interface RelayResult {
  provider: string;
  /** The status relayed, or 499 when the client went away first. */
  status: number;
}

/** nginx's "client closed request": what metrics, metering and the access log record for it. */
export const CLIENT_CLOSED_REQUEST = 499;

interface Exchange {
  provider: ProviderRelay;
  url: URL;
  headers: Record<string, string>;
  body: RelayBody;
  method: string;
  requestId: string;
  fixedHeaders?: FixedAnswerHeaders;
}

/**
 * `ANY /v1/api/{provider}/{path}`: normalise, allowlist, filter headers, attach the
 * user's token the provider's way, stream both bodies, and retry once after a token
 * rejection when the body can be sent again. Works on plain node:http objects, so the
 * edge handler (relay-edge.ts) and the Nest controller share it. Docs: docs/relay.md.
 */
@Injectable()
export class RelayService {
  private readonly logger = new Logger('RelayService');
  // An unreachable provider fails every call at once: one line per provider and failure kind per window, not per call.
  private readonly failureLog = new RepeatedFailureLog(this.logger);
  private readonly providers: Map<string, ProviderRelay>;
  private readonly settings: AppConfig['relay'];
  private readonly dpop = new RelayDpop();

  constructor(
    @Inject(APP_CONFIG) config: AppConfig,
    @Inject(ProviderRegistry) private readonly registry: ProviderRegistry,
    @Inject(RelayUpstream) private readonly upstream: RelayUpstream,
    @Inject(RelayMetrics) private readonly metrics: RelayMetrics,
    @Inject(RelayMeter) private readonly meter: RelayMeter,
    @Inject(AccessTokenProvider) private readonly tokens: AccessTokenProvider,
    @Inject(CircuitBreakers) breakers: CircuitBreakers,
  ) {
    this.settings = config.relay;
    this.providers = buildProviderRelays(config.relay, registry, breakers);
  }

  async relay(req: IncomingMessage, res: ServerResponse, call: RelayCall): Promise<RelayResult> {
    const started = performance.now();
    const method = req.method ?? 'GET';
    const target = normaliseRelayUrl(call.target);
    // An unknown id: the registry's own provider_not_found.
    const provider = this.providers.get(target.provider) ?? this.providers.get(this.registry.get(target.provider).id)!;
    let status = 500;
    let route: string | undefined;
    let bytesOut = 0;
    let errorCode: string | undefined;
    try {
      route = provider.allowlist.match(method, target.segments).template;
      if (!provider.base) throw routeNotAllowed(provider.id);
      const headers = upstreamRequestHeaders(req.headers, provider.strip, call.requestId);
      const url = upstreamUrl(provider.base, target.path, target.query);
      const body = await readRelayBody(req, this.settings);
      const exchange: Exchange = { provider, url, headers, body, method, requestId: call.requestId, fixedHeaders: call.fixedHeaders };
      // Token failures pass through as problems; not-linked and re-login ones carry the login URL.
      let token = await this.tokens.forUser(call.userId, provider.id);
      let outcome = await this.attempt(res, exchange, token, isReplayable(body));
      // DPoP (RFC 9449 §9): a nonce demand gets one retry with the nonce; no refresh either way.
      if (outcome.kind === 'rejected' && outcome.dpop) outcome = await afterDpopRefusal(outcome.dpop, () => this.attempt(res, exchange, token, true), provider.id);
      if (outcome.kind === 'rejected') {
        // One forced refresh and one retry; a second rejection is passed through as it is.
        token = await this.tokens.afterRejection(call.userId, provider.id, token.accessToken);
        outcome = await this.attempt(res, exchange, token, false);
      }
      if (outcome.kind === 'too_large') throw responseTooLarge(provider.id, this.settings.maxResponseBytes);
      status = outcome.kind === 'relayed' ? outcome.status : CLIENT_CLOSED_REQUEST;
      if (outcome.kind === 'relayed') bytesOut = outcome.bytes;
      if (status === CLIENT_CLOSED_REQUEST) {
        this.metrics.clientAborted(provider.id);
        errorCode = 'client_closed_request';
      }
      return { provider: provider.id, status };
    } catch (thrown) {
      const error = call.settleRefusal ? await call.settleRefusal(req, thrown) : thrown;
      status = error instanceof DomainError ? error.status : 500;
      errorCode = error instanceof DomainError ? error.code : 'internal_error';
      throw error;
    } finally {
      const seconds = (performance.now() - started) / 1000;
      this.metrics.observe(provider.id, status, seconds);
      this.record(req, call, method, provider.id, route ?? NOT_ALLOWLISTED_ROUTE, status, seconds, bytesOut, errorCode);
    }
  }

  /**
   * One upstream call under the provider's breaker. Transport failures before the status
   * line (unreachable, timeout) count against it; while it is open, calls fail fast with
   * 503 and Retry-After. Upstream 5xx answers do not count: one user hitting a failing
   * endpoint must not cut every user off the provider.
   */
  private async attempt(res: ServerResponse, exchange: Exchange, token: ValidAccessToken, holdTokenRejection: boolean): Promise<ExchangeOutcome> {
    if (res.destroyed) return { kind: 'client_gone' };
    const url = new URL(exchange.url);
    const headers = { ...exchange.headers };
    if (token.dpop) await this.dpop.authorize(url, headers, exchange.method, token.accessToken, token.dpop);
    else exchange.provider.adapter.authorizeRelayRequest(url, headers, token.accessToken);
    const { body } = exchange;
    if (body.kind === 'stream' && body.length !== undefined) headers['content-length'] = String(body.length);
    const options = { method: exchange.method, maxResponseBytes: this.settings.maxResponseBytes, holdTokenRejection, fixedHeaders: exchange.fixedHeaders, requestId: exchange.requestId };
    const handler = new UpstreamExchange(res, options, token.dpop && this.dpop.watch(url));
    // The only abort on the path: the client really went away before the answer was complete.
    const onClose = () => handler.clientGone();
    res.once('close', onClose);
    try {
      return await exchange.provider.breaker.run(
        () => {
          this.upstream.dispatch({ url, method: exchange.method, headers, body: body.kind === 'buffered' ? body.data : body.kind === 'stream' ? body.stream : undefined }, handler);
          return handler.done.catch((error: unknown) => this.failed(res, exchange, error));
        },
        undefined,
        (error) => error instanceof DomainError && (error.status === 502 || error.status === 504),
      );
    } finally {
      res.off('close', onClose);
    }
  }

  /** Before the status line: a problem answer (413/502/504). After it: the transfer is cut, nothing more to say. */
  private failed(res: ServerResponse, exchange: Exchange, error: unknown): ExchangeOutcome {
    const cause = error instanceof ExchangeFailed ? error.reason : error;
    const { body, provider } = exchange;
    if (body.kind === 'stream' && body.stream.exceeded) throw bodyTooLarge(this.settings.maxBodyBytes);
    const failure = classifyFailure(cause);
    this.metrics.upstreamFailed(provider.id, failure);
    this.failureLog.warn(`relay:${provider.id}:${failure}`, 'relayed call failed', { provider: provider.id, failure, err: (cause as Error)?.name });
    if (error instanceof ExchangeFailed && error.afterHeaders) {
      res.destroy();
      return { kind: 'relayed', status: res.statusCode, bytes: 0 };
    }
    throw failure === 'timeout' ? upstreamTimeout(provider.id) : upstreamUnreachable(provider.id);
  }

  private record(req: IncomingMessage, call: RelayCall, method: string, provider: string, route: string, status: number, seconds: number, bytesOut: number, errorCode?: string): void {
    try {
      // The declared size, capped at the body limit: a larger one was refused (413) before a byte
      // was read, and an absurd one would overflow the batch's bigint column and lose the batch.
      const bytesIn = Math.min(Number(req.headers['content-length']) || 0, this.settings.maxBodyBytes);
      this.meter.record({ provider, userId: call.userId, sessionKind: call.sessionKind, method, route, status, durationMs: Math.round(seconds * 1000), bytesIn, bytesOut, errorCode });
    } catch (error) {
      this.logger.warn({ err: error }, 'relay metering failed');
    }
  }
}
