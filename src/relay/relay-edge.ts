import { Inject, Injectable, Logger } from '@nestjs/common';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { PinoLogger } from 'nestjs-pino';
import { corsApplier, staticSecurityHeaders } from '../bootstrap/http-edge-policy.js';
import type { EdgeHandler } from '../bootstrap/install-edge-handler.js';
import { answerEdgeProblem } from '../common/errors/edge-problem.js';
import { ProviderNotLinkedError, ReauthRequiredError } from '../common/errors/login-required.js';
import { requestIdFromHeaders } from '../common/http/request-id.js';
import { APP_CONFIG, type AppConfig } from '../config/app-config.js';
import { MetricsService } from '../health/metrics.service.js';
import { RouteDurations } from '../health/route-durations.js';
import { assertCsrfSafe } from '../sessions/csrf-policy.js';
import { checkRequestSession, sessionRefused } from '../sessions/session-authentication.js';
import { SessionCookie } from '../sessions/session-cookie.js';
import { SessionService } from '../sessions/session.service.js';
import { RelayAccessLog } from './relay-access-log.js';
import { RelayRateLimit } from './relay-rate-limit.js';
import { CLIENT_CLOSED_REQUEST, RelayService } from './relay.service.js';

/** The route template the relay's HTTP metrics and problems are recorded under (as Express named it). */
export const RELAY_ROUTE_TEMPLATE = '/v1/api/:provider/*path';
// What the Nest route `v1/api/:provider/*path` matches (Express matches case-insensitively).
const RELAY_TARGET = /^\/v1\/api\/[^/?]+\/[^?]/i;
// OPTIONS stays with Nest: CORS preflight shares it and it is rare.
const EDGE_METHODS = new Set(['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE']);

/**
 * `/v1/api/*` served by one small handler in front of Express, calling the same injected
 * services the Nest route would: request id, helmet's headers and CORS (the same
 * policy, see http-edge-policy.ts), the session check (SessionGuard's, through the session
 * cache), CSRF (CsrfGuard's),
 * the rate-limit hook, RelayService, problem+json errors (ProblemFilter's mapper), the
 * HTTP metric and one access-log line. What it skips is the per-request machinery:
 * Express routing and middleware, Nest's guard/interceptor pipeline, pino-http's
 * AsyncLocalStorage. Every other route, and OPTIONS, goes to Express as before.
 */
@Injectable()
export class RelayEdge implements EdgeHandler {
  private readonly logger = new Logger('RelayEdge');
  private readonly securityHeaders = staticSecurityHeaders();
  private readonly cors: ReturnType<typeof corsApplier>;
  private readonly allowedOrigins: ReadonlySet<string>;
  private readonly appOrigins: readonly string[];
  private readonly sampleRate: number;
  private accessLog?: RelayAccessLog;
  private readonly durations: RouteDurations;
  /** The session check through the in-memory session cache (SessionService.resolveCached). */
  private readonly cachedSessions: Pick<SessionService, 'resolve' | 'endedFor'>;
  /** The same check, but the store's answer: asked before an account refusal (see confirmRefusal). */
  private readonly storedSessions: Pick<SessionService, 'resolve' | 'endedFor'>;

  constructor(
    @Inject(APP_CONFIG) config: AppConfig,
    @Inject(SessionService) sessions: SessionService,
    @Inject(SessionCookie) private readonly cookie: SessionCookie,
    @Inject(RelayService) private readonly relay: RelayService,
    @Inject(RelayRateLimit) private readonly rateLimit: RelayRateLimit,
    @Inject(MetricsService) metrics: MetricsService,
  ) {
    this.cors = corsApplier(config);
    this.durations = new RouteDurations(metrics.httpDuration, RELAY_ROUTE_TEMPLATE);
    this.allowedOrigins = new Set(config.sessions.appOrigins);
    this.appOrigins = config.sessions.appOrigins;
    this.sampleRate = config.log.relaySampleRate;
    this.cachedSessions = { resolve: (token) => sessions.resolveCached(token), endedFor: (token) => sessions.endedFor(token) };
    this.storedSessions = { resolve: (token) => sessions.revalidate(token), endedFor: (token) => sessions.endedFor(token) };
  }

  /** True for the requests this handler serves instead of Express. */
  takes(req: IncomingMessage): boolean {
    return EDGE_METHODS.has(req.method ?? '') && RELAY_TARGET.test(req.url ?? '');
  }

  /** `refused`: the shutdown drain's 503 (http-drain.ts), answered like any other problem. */
  async handle(req: IncomingMessage, res: ServerResponse, refused?: unknown): Promise<void> {
    const startedAt = performance.now();
    const requestId = requestIdFromHeaders(req.headers['x-request-id']);
    const method = req.method ?? 'GET';
    let status = 500;
    let clientGone = false;
    let authenticated = false;
    for (const [name, value] of this.securityHeaders) res.setHeader(name, value);
    res.setHeader('X-Request-Id', requestId);
    this.cors?.(req, res);
    try {
      if (refused) throw refused;
      const check = await checkRequestSession(req.headers, this.cachedSessions, this.cookie);
      const auth = check.auth;
      if (!auth) throw sessionRefused(check, this.cookie);
      authenticated = true;
      assertCsrfSafe(method, req.headers, auth.via, this.allowedOrigins);
      await this.rateLimit.admit(auth.session);
      const result = await this.relay.relay(req, res, { userId: auth.session.userId, sessionKind: auth.session.kind, requestId, target: req.url ?? '' });
      status = result.status;
      clientGone = status === CLIENT_CLOSED_REQUEST;
    } catch (thrown) {
      const error = authenticated ? await this.confirmRefusal(req, thrown) : thrown;
      status = answerEdgeProblem(req, res, error, requestId, { routeMatched: true, method: req.method ?? '', path: pathOf(req.url) }, this.appOrigins, this.logger);
    } finally {
      if (!clientGone && !res.writableFinished && res.destroyed) clientGone = true;
      this.durations.observe(method, status, (performance.now() - startedAt) / 1000);
      this.log().write({ requestId, method, path: pathOf(req.url), status, startedAt, clientGone });
    }
  }

  /**
   * An account refusal (not linked, reauth required) on a session the cache vouched for:
   * a logout elsewhere ends the session and revokes its link, and the two notifications can
   * arrive out of order (on a Redis Cluster they may cross different nodes), so the link's
   * can land first and the cached session would answer 409 for a session that is gone. The
   * store decides: a session that is gone answers 401 like any other. Refusals only, never
   * the relayed path: one Redis read each.
   */
  private async confirmRefusal(req: IncomingMessage, error: unknown): Promise<unknown> {
    if (!(error instanceof ProviderNotLinkedError || error instanceof ReauthRequiredError)) return error;
    try {
      const check = await checkRequestSession(req.headers, this.storedSessions, this.cookie);
      return check.auth ? error : sessionRefused(check, this.cookie);
    } catch {
      return error;
    }
  }

  /** The app's root pino logger, which exists once the logging module has started. */
  private log(): RelayAccessLog {
    this.accessLog ??= new RelayAccessLog(PinoLogger.root, this.sampleRate);
    return this.accessLog;
  }
}

function pathOf(url: string | undefined): string {
  const raw = url ?? '';
  const q = raw.indexOf('?');
  return (q < 0 ? raw : raw.slice(0, q)).replace(/[^\x20-\x7e]/g, '?').slice(0, 200);
}
