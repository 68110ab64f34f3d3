import { Inject, Injectable, Logger } from '@nestjs/common';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { PinoLogger } from 'nestjs-pino';
import { corsApplier, staticSecurityHeaders } from '../bootstrap/http-edge-policy.js';
import type { EdgeHandler } from '../bootstrap/install-edge-handler.js';
import { answerEdgeProblem } from '../common/errors/edge-problem.js';
import { requestIdFromHeaders } from '../common/http/request-id.js';
import { APP_CONFIG, type AppConfig } from '../config/app-config.js';
import { MetricsService } from '../health/metrics.service.js';
import { RouteDurations } from '../health/route-durations.js';
import { RelayAccessLog } from '../relay/relay-access-log.js';
import { checkRequestSession, sessionRefused } from '../sessions/session-authentication.js';
import { SessionCookie } from '../sessions/session-cookie.js';
import { SessionService } from '../sessions/session.service.js';
import { MeReader } from './me-reader.js';

/** The route template /me's metrics and problems are recorded under (as Express names it). */
export const ME_ROUTE_TEMPLATE = '/v1/auth/me';
// What the Nest route `GET v1/auth/me` matches: Express ignores case and one trailing slash.
const ME_TARGET = /^\/v1\/auth\/me\/?(\?|$)/i;

/**
 * `GET /v1/auth/me`, the call every frontend makes on every page load, served in front of
 * Express like the relay's edge (relay-edge.ts) with what the Nest route does: request id,
 * helmet's headers and CORS, `Cache-Control: no-store` (NoStoreMiddleware), the session
 * check (SessionGuard's; a GET needs no CSRF check and /me no role), MeReader (one
 * query), problem+json errors with the dependency-failure log (ProblemFilter's), the
 * HTTP metric and one access-log line. HEAD and OPTIONS stay with Nest.
 */
@Injectable()
export class MeEdge implements EdgeHandler {
  private readonly logger = new Logger('MeEdge');
  private readonly securityHeaders = staticSecurityHeaders();
  private readonly cors: ReturnType<typeof corsApplier>;
  private readonly appOrigins: readonly string[];
  private readonly durations: RouteDurations;
  private accessLog?: RelayAccessLog;

  constructor(
    @Inject(APP_CONFIG) config: AppConfig,
    @Inject(SessionService) private readonly sessions: SessionService,
    @Inject(SessionCookie) private readonly cookie: SessionCookie,
    @Inject(MeReader) private readonly reader: MeReader,
    @Inject(MetricsService) metrics: MetricsService,
  ) {
    this.cors = corsApplier(config);
    this.durations = new RouteDurations(metrics.httpDuration, ME_ROUTE_TEMPLATE);
    this.appOrigins = config.sessions.appOrigins;
  }

  takes(req: IncomingMessage): boolean {
    return req.method === 'GET' && ME_TARGET.test(req.url ?? '');
  }

  /** `refused`: the shutdown drain's 503 (http-drain.ts), answered like any other problem. */
  async handle(req: IncomingMessage, res: ServerResponse, refused?: unknown): Promise<void> {
    const startedAt = performance.now();
    const requestId = requestIdFromHeaders(req.headers['x-request-id']);
    let status = 500;
    for (const [name, value] of this.securityHeaders) res.setHeader(name, value);
    res.setHeader('X-Request-Id', requestId);
    this.cors?.(req, res);
    res.setHeader('Cache-Control', 'no-store');
    res.setHeader('Pragma', 'no-cache');
    try {
      if (refused) throw refused;
      const check = await checkRequestSession(req.headers, this.sessions, this.cookie);
      const { auth } = check;
      if (!auth) throw sessionRefused(check, this.cookie);
      const body = JSON.stringify(await this.reader.read(auth.session));
      res.statusCode = status = 200;
      res.setHeader('Content-Type', 'application/json; charset=utf-8');
      res.setHeader('Content-Length', Buffer.byteLength(body));
      res.end(body);
    } catch (error) {
      status = answerEdgeProblem(req, res, error, requestId, { routeMatched: true, method: 'GET', path: ME_ROUTE_TEMPLATE }, this.appOrigins, this.logger);
    } finally {
      this.durations.observe('GET', status, (performance.now() - startedAt) / 1000);
      this.log().write({ requestId, method: 'GET', path: ME_ROUTE_TEMPLATE, status, startedAt, clientGone: !res.writableFinished && res.destroyed });
    }
  }

  /** The app's root pino logger, which exists once the logging module has started; every /me line is logged. */
  private log(): RelayAccessLog {
    this.accessLog ??= new RelayAccessLog(PinoLogger.root, 1);
    return this.accessLog;
  }
}
