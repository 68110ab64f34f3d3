import { Catch, Inject, Logger, Optional, type ArgumentsHost, type ExceptionFilter } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '../../config/app-config.js';
import type { Request, Response } from 'express';
import { dependencyFailureLog } from '../../logging/repeated-failure-log.js';
import { toProblem } from './problem.mapper.js';
import { PROBLEM_CONTENT_TYPE } from './problem.js';
import { requestIdOf } from '../http/request-id.js';
import { withCallerReturnTo } from '../http/return-to-header.js';
import { routeTemplate } from '../http/route-template.js';

// Echo at most a short, printable path: never a query string, never control characters.
function safePath(path: string): string {
  return path.replace(/[^\x20-\x7e]/g, '?').slice(0, 200);
}

/** The one place errors become HTTP: application/problem+json, never internals. */
@Catch()
export class ProblemFilter implements ExceptionFilter {
  private readonly logger = new Logger('ProblemFilter');

  // Optional: the login routes' error filter builds its own instance; their problems carry no loginUrl.
  constructor(@Optional() @Inject(APP_CONFIG) private readonly config?: AppConfig) {}

  catch(error: unknown, host: ArgumentsHost): void {
    const http = host.switchToHttp();
    const request = http.getRequest<Request>();
    const response = http.getResponse<Response>();
    const facts = { routeMatched: routeTemplate(request) !== undefined, method: request.method, path: safePath(request.path) };
    const mapped = toProblem(error, requestIdOf(request), facts);
    const { headers, unexpected, dependencyFailure } = mapped;
    const problem = this.config ? withCallerReturnTo(mapped.problem, request.headers, this.config.sessions.appOrigins) : mapped.problem;
    if (unexpected) this.logger.error({ err: error, requestId: problem.requestId }, 'unhandled error');
    if (dependencyFailure) dependencyFailureLog.warn(dependencyFailure.dependency, `${dependencyFailure.dependency} unavailable`, { reason: dependencyFailure.reason, requestId: problem.requestId });
    if (response.headersSent) {
      response.destroy();
      return;
    }
    response.status(problem.status).set(headers).type(PROBLEM_CONTENT_TYPE).send(JSON.stringify(problem));
  }
}
