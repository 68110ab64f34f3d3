import { Inject, Injectable, Logger } from '@nestjs/common';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { EdgeRoute } from '../bootstrap/edge-route.js';
import type { EdgeHandler } from '../bootstrap/install-edge-handler.js';
import { APP_CONFIG, type AppConfig } from '../config/app-config.js';
import { MetricsService } from '../health/metrics.service.js';
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
  private readonly route: EdgeRoute;

  constructor(
    @Inject(APP_CONFIG) config: AppConfig,
    @Inject(SessionService) private readonly sessions: SessionService,
    @Inject(SessionCookie) private readonly cookie: SessionCookie,
    @Inject(MeReader) private readonly reader: MeReader,
    @Inject(MetricsService) metrics: MetricsService,
  ) {
    // Every /me line is logged (sample rate 1).
    this.route = new EdgeRoute(config, metrics, ME_ROUTE_TEMPLATE, 1, new Logger('MeEdge'));
  }

  takes(req: IncomingMessage): boolean {
    return req.method === 'GET' && ME_TARGET.test(req.url ?? '');
  }

  /** `refused`: the shutdown drain's 503 (http-drain.ts), answered like any other problem. */
  async handle(req: IncomingMessage, res: ServerResponse, refused?: unknown): Promise<void> {
    const startedAt = performance.now();
    const requestId = this.route.begin(req, res);
    let status = 500;
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
      status = this.route.fail(req, res, error, requestId, { routeMatched: true, method: 'GET', path: ME_ROUTE_TEMPLATE });
    } finally {
      this.route.end({ requestId, method: 'GET', path: ME_ROUTE_TEMPLATE, status, startedAt, clientGone: !res.writableFinished && res.destroyed });
    }
  }
}
