import { Inject, Injectable, Logger } from '@nestjs/common';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { PinoLogger } from 'nestjs-pino';
import { corsApplier, staticSecurityHeaders } from '../bootstrap/http-edge-policy.js';
import { toProblem } from '../common/errors/problem.mapper.js';
import { PROBLEM_CONTENT_TYPE } from '../common/errors/problem.js';
import { requestIdFromHeaders } from '../common/http/request-id.js';
import { APP_CONFIG, type AppConfig } from '../config/app-config.js';
import { MetricsService } from '../health/metrics.service.js';
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
 * policy, see http-edge-policy.ts), the session check (SessionGuard's), CSRF (CsrfGuard's),
 * the rate-limit hook, RelayService, problem+json errors (ProblemFilter's mapper), the
 * HTTP metric and one access-log line. What it skips is the per-request machinery:
 * Express routing and middleware, Nest's guard/interceptor pipeline, pino-http's
 * AsyncLocalStorage. Every other route, and OPTIONS, goes to Express as before.
 */
@Injectable()
export class RelayEdge {
  private readonly logger = new Logger('RelayEdge');
  private readonly securityHeaders = staticSecurityHeaders();
  private readonly cors: ReturnType<typeof corsApplier>;
  private readonly allowedOrigins: ReadonlySet<string>;
  private readonly sampleRate: number;
  private accessLog?: RelayAccessLog;

  constructor(
    @Inject(APP_CONFIG) config: AppConfig,
    @Inject(SessionService) private readonly sessions: SessionService,
    @Inject(SessionCookie) private readonly cookie: SessionCookie,
    @Inject(RelayService) private readonly relay: RelayService,
    @Inject(RelayRateLimit) private readonly rateLimit: RelayRateLimit,
    @Inject(MetricsService) private readonly metrics: MetricsService,
  ) {
    this.cors = corsApplier(config);
    this.allowedOrigins = new Set(config.sessions.appOrigins);
    this.sampleRate = config.log.relaySampleRate;
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
    for (const [name, value] of this.securityHeaders) res.setHeader(name, value);
    res.setHeader('X-Request-Id', requestId);
    this.cors?.(req, res);
    try {
      if (refused) throw refused;
      const { credential, auth } = await checkRequestSession(req.headers, this.sessions, this.cookie);
      if (!auth) throw sessionRefused(credential, this.cookie);
      assertCsrfSafe(method, req.headers, auth.via, this.allowedOrigins);
      await this.rateLimit.admit(auth.session);
      const result = await this.relay.relay(req, res, { userId: auth.session.userId, sessionKind: auth.session.kind, requestId, target: req.url ?? '' });
      status = result.status;
      clientGone = status === CLIENT_CLOSED_REQUEST;
    } catch (error) {
      status = this.answerProblem(req, res, error, requestId);
    } finally {
      if (!clientGone && !res.writableFinished && res.destroyed) clientGone = true;
      this.metrics.httpDuration.observe({ method, route: RELAY_ROUTE_TEMPLATE, status_code: String(status) }, (performance.now() - startedAt) / 1000);
      this.log().write({ requestId, method, path: pathOf(req.url), status, startedAt, clientGone });
    }
  }

  /** ProblemFilter's answer for an error thrown on the edge; returns the status sent. */
  private answerProblem(req: IncomingMessage, res: ServerResponse, error: unknown, requestId: string): number {
    const { problem, headers, unexpected } = toProblem(error, requestId, { routeMatched: true, method: req.method ?? '', path: pathOf(req.url) });
    if (unexpected) this.logger.error({ err: error, requestId }, 'unhandled error');
    if (res.headersSent || res.destroyed) {
      res.destroy();
      return problem.status;
    }
    for (const [name, value] of Object.entries(headers)) res.setHeader(name, value);
    res.statusCode = problem.status;
    res.setHeader('Content-Type', `${PROBLEM_CONTENT_TYPE}; charset=utf-8`);
    res.end(JSON.stringify(problem));
    return problem.status;
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
