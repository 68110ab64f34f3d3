import { Catch, Logger, type ArgumentsHost, type ExceptionFilter } from '@nestjs/common';
import type { Request, Response } from 'express';
import { dependencyFailureLog } from '../../logging/repeated-failure-log.js';
import { toProblem } from './problem.mapper.js';
import { PROBLEM_CONTENT_TYPE } from './problem.js';
import { requestIdOf } from '../http/request-id.js';
import { routeTemplate } from '../http/route-template.js';

// Echo at most a short, printable path: never a query string, never control characters.
function safePath(path: string): string {
  return path.replace(/[^\x20-\x7e]/g, '?').slice(0, 200);
}

/** The one place errors become HTTP: application/problem+json, never internals. */
@Catch()
export class ProblemFilter implements ExceptionFilter {
  private readonly logger = new Logger('ProblemFilter');

  catch(error: unknown, host: ArgumentsHost): void {
    const http = host.switchToHttp();
    const request = http.getRequest<Request>();
    const response = http.getResponse<Response>();
    const facts = { routeMatched: routeTemplate(request) !== undefined, method: request.method, path: safePath(request.path) };
    const { problem, headers, unexpected, dependencyFailure } = toProblem(error, requestIdOf(request), facts);
    if (unexpected) this.logger.error({ err: error, requestId: problem.requestId }, 'unhandled error');
    if (dependencyFailure) dependencyFailureLog.warn(dependencyFailure.dependency, `${dependencyFailure.dependency} unavailable`, { reason: dependencyFailure.reason, requestId: problem.requestId });
    if (response.headersSent) {
      response.destroy();
      return;
    }
    response.status(problem.status).set(headers).type(PROBLEM_CONTENT_TYPE).send(JSON.stringify(problem));
  }
}
