import type { LoggerService } from '@nestjs/common';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { PinoLogger } from 'nestjs-pino';
import { answerEdgeProblem } from '../common/errors/edge-problem.js';
import type { RequestFacts } from '../common/errors/problem.mapper.js';
import { requestIdFromHeaders } from '../common/http/request-id.js';
import type { AppConfig } from '../config/app-config.js';
import type { MetricsService } from '../health/metrics.service.js';
import { RouteDurations } from '../health/route-durations.js';
import { RelayAccessLog, type RelayAccessEntry } from '../relay/relay-access-log.js';
import { fixedAnswerHeaders, type FixedAnswerHeaders } from '../relay/relay-headers.js';
import { corsApplier, staticSecurityHeaders } from './http-edge-policy.js';

/**
 * What every edge handler (relay-edge.ts, me-edge.ts) does around its own work, as the
 * Express pipeline would: helmet's headers, the request id and CORS before it; a
 * problem+json answer for an error (ProblemFilter's, edge-problem.ts); the HTTP metric
 * and one access-log line after it. One instance per route template.
 */
export class EdgeRoute {
  /** helmet's headers, for setFixedHeaders and for an answer that writes its head in one go (open, RelayCall.fixedHeaders). */
  readonly fixedHeaders: FixedAnswerHeaders = fixedAnswerHeaders(staticSecurityHeaders());
  private readonly cors: ReturnType<typeof corsApplier>;
  private readonly durations: RouteDurations;
  private readonly appOrigins: readonly string[];
  private accessLog?: RelayAccessLog;

  constructor(
    config: AppConfig,
    metrics: MetricsService,
    routeTemplate: string,
    /** Share of successful access lines written (failures always are). */
    private readonly sampleRate: number,
    private readonly logger: LoggerService,
  ) {
    this.cors = corsApplier(config);
    this.durations = new RouteDurations(metrics.httpDuration, routeTemplate);
    this.appOrigins = config.sessions.appOrigins;
  }

  /** Sets the headers every answer of the route carries; returns the request id. */
  begin(req: IncomingMessage, res: ServerResponse): string {
    const requestId = this.open(req, res);
    this.setFixedHeaders(res, requestId);
    return requestId;
  }

  /**
   * begin() without helmet's headers and the request id: the caller's answer writes them
   * with its head (the relay: `fixedHeaders`, relayedAnswerHead), and fail() sets them on
   * a problem. CORS depends on the request, so it is set here.
   */
  open(req: IncomingMessage, res: ServerResponse): string {
    const requestId = requestIdFromHeaders(req.headers['x-request-id']);
    this.cors?.(req, res);
    return requestId;
  }

  /** Answers `error` as a problem; returns the status sent. */
  fail(req: IncomingMessage, res: ServerResponse, error: unknown, requestId: string, facts: RequestFacts): number {
    if (!res.headersSent) this.setFixedHeaders(res, requestId);
    return answerEdgeProblem(req, res, error, requestId, facts, this.appOrigins, this.logger);
  }

  private setFixedHeaders(res: ServerResponse, requestId: string): void {
    const { pairs } = this.fixedHeaders;
    for (let i = 0; i < pairs.length; i += 2) res.setHeader(pairs[i]!, pairs[i + 1]!);
    res.setHeader('X-Request-Id', requestId);
  }

  /** The HTTP metric and the access line of one finished request. */
  end(entry: RelayAccessEntry): void {
    this.durations.observe(entry.method, entry.status, (performance.now() - entry.startedAt) / 1000);
    // The app's root pino logger exists once the logging module has started, i.e. by the first request.
    this.accessLog ??= new RelayAccessLog(PinoLogger.root, this.sampleRate);
    this.accessLog.write(entry);
  }
}
