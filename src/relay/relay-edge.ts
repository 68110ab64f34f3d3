import { Inject, Injectable, Logger } from '@nestjs/common';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { EdgeRoute } from '../bootstrap/edge-route.js';
import type { EdgeHandler } from '../bootstrap/install-edge-handler.js';
import { ProviderNotLinkedError, ReauthRequiredError } from '../common/errors/login-required.js';
import { APP_CONFIG, type AppConfig } from '../config/app-config.js';
import { MetricsService } from '../health/metrics.service.js';
import { assertCsrfSafe } from '../sessions/csrf-policy.js';
import { checkRequestSession, sessionRefused } from '../sessions/session-authentication.js';
import { SessionCookie } from '../sessions/session-cookie.js';
import { SessionService } from '../sessions/session.service.js';
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
  private readonly route: EdgeRoute;
  private readonly allowedOrigins: ReadonlySet<string>;
  /** The session check through the in-memory session cache (SessionService.resolveCached). */
  private readonly cachedSessions: Pick<SessionService, 'resolve' | 'endedFor'>;
  /** The same check, but the store's answer: asked before an account refusal (see confirmRefusal). */
  private readonly storedSessions: Pick<SessionService, 'resolve' | 'endedFor'>;
  /** confirmRefusal, bound once: RelayService settles its refusals through it before recording them. */
  private readonly settleRefusal = (req: IncomingMessage, error: unknown) => this.confirmRefusal(req, error);

  constructor(
    @Inject(APP_CONFIG) config: AppConfig,
    @Inject(SessionService) sessions: SessionService,
    @Inject(SessionCookie) private readonly cookie: SessionCookie,
    @Inject(RelayService) private readonly relay: RelayService,
    @Inject(RelayRateLimit) private readonly rateLimit: RelayRateLimit,
    @Inject(MetricsService) metrics: MetricsService,
  ) {
    this.route = new EdgeRoute(config, metrics, RELAY_ROUTE_TEMPLATE, config.log.relaySampleRate, new Logger('RelayEdge'));
    this.allowedOrigins = new Set(config.sessions.appOrigins);
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
    // helmet's headers and the request id go out with the answer's head (RelayCall.fixedHeaders) or in fail().
    const requestId = this.route.open(req, res);
    const method = req.method ?? 'GET';
    let status = 500;
    let clientGone = false;
    try {
      if (refused) throw refused;
      const check = await checkRequestSession(req.headers, this.cachedSessions, this.cookie);
      const auth = check.auth;
      if (!auth) throw sessionRefused(check, this.cookie);
      assertCsrfSafe(method, req.headers, auth.via, this.allowedOrigins);
      await this.rateLimit.admit(auth.session);
      const result = await this.relay.relay(req, res, { userId: auth.session.userId, sessionKind: auth.session.kind, requestId, target: req.url ?? '', settleRefusal: this.settleRefusal, fixedHeaders: this.route.fixedHeaders });
      status = result.status;
      clientGone = status === CLIENT_CLOSED_REQUEST;
    } catch (error) {
      status = this.route.fail(req, res, error, requestId, { routeMatched: true, method, path: pathOf(req.url) });
    } finally {
      if (!clientGone && !res.writableFinished && res.destroyed) clientGone = true;
      this.route.end({ requestId, method, path: pathOf(req.url), status, startedAt, clientGone });
    }
  }

  /**
   * An account refusal (not linked, reauth required) on a session the cache vouched for:
   * a logout elsewhere ends the session and revokes its link, and the two notifications can
   * arrive out of order (on a Redis Cluster they may cross different nodes), so the link's
   * can land first and the cached session would answer 409 for a session that is gone. The
   * store decides: a session that is gone answers 401 like any other. Refusals only, never
   * the relayed path: one Redis read each. Account refusals come only from RelayService,
   * which asks this (RelayCall.settleRefusal) before it records the call.
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
}

function pathOf(url: string | undefined): string {
  const raw = url ?? '';
  const q = raw.indexOf('?');
  return (q < 0 ? raw : raw.slice(0, q)).replace(/[^\x20-\x7e]/g, '?').slice(0, 200);
}
