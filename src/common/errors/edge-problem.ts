import type { LoggerService } from '@nestjs/common';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { dependencyFailureLog } from '../../logging/repeated-failure-log.js';
import { withCallerReturnTo } from '../http/return-to-header.js';
import { PROBLEM_CONTENT_TYPE } from './problem.js';
import { toProblem, type RequestFacts } from './problem.mapper.js';

/**
 * ProblemFilter's answer for an error thrown in an edge handler (a route served ahead of
 * Express: the relay, /me): the mapped problem with the caller's safe returnTo, an
 * unexpected error logged with its stack, a dependency outage through the aggregated
 * log. A response already under way cannot carry a problem, so it is cut instead.
 * Returns the status sent.
 */
export function answerEdgeProblem(
  req: IncomingMessage,
  res: ServerResponse,
  error: unknown,
  requestId: string,
  facts: RequestFacts,
  appOrigins: readonly string[],
  logger: LoggerService,
): number {
  const mapped = toProblem(error, requestId, facts);
  const problem = withCallerReturnTo(mapped.problem, req.headers, appOrigins);
  if (mapped.unexpected) logger.error({ err: error, requestId }, 'unhandled error');
  const failure = mapped.dependencyFailure;
  if (failure) dependencyFailureLog.warn(failure.dependency, `${failure.dependency} unavailable`, { reason: failure.reason, requestId });
  if (res.headersSent || res.destroyed) {
    res.destroy();
    return problem.status;
  }
  for (const [name, value] of Object.entries(mapped.headers)) res.setHeader(name, value);
  res.statusCode = problem.status;
  res.setHeader('Content-Type', `${PROBLEM_CONTENT_TYPE}; charset=utf-8`);
  res.end(JSON.stringify(problem));
  return problem.status;
}
