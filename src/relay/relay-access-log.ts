import type { Logger as PinoLogger } from 'pino';

const asIs = <T>(value: T): T => value;

export interface RelayAccessEntry {
  requestId: string;
  method: string;
  /** The request path without its query string: queries can carry credentials. */
  path: string;
  status: number;
  startedAt: number;
  clientGone: boolean;
}

/**
 * The access-log line of a relayed call, in pino-http's shape (`req`, `res`,
 * `responseTime`, `requestId`) so log queries work across every route. Failures and
 * client disconnects are always logged; successful lines (status < 400) are sampled
 * at RELAY_ACCESS_LOG_SAMPLE_RATE (1 = every call). A disconnect is one quiet info
 * line, never an error with a stack.
 */
export class RelayAccessLog {
  private readonly logger: PinoLogger;

  constructor(
    appLogger: PinoLogger,
    private readonly sampleRate: number,
  ) {
    // This line's fields are fixed and carry no credential (the path is cut before its
    // query, the request id is validated), and it is already in the shape the app
    // logger's `req`/`res` serializers and its redaction would produce: a child that
    // skips them writes the same line without three copies of it per call.
    this.logger = appLogger.child({}, { formatters: { log: asIs }, serializers: { req: asIs, res: asIs } });
  }

  write(entry: RelayAccessEntry): void {
    const ok = entry.status < 400 && !entry.clientGone;
    if (ok && this.sampleRate < 1 && Math.random() >= this.sampleRate) return;
    const line = {
      requestId: entry.requestId,
      req: { id: entry.requestId, method: entry.method, url: entry.path },
      res: { statusCode: entry.status },
      responseTime: Math.round(performance.now() - entry.startedAt),
    };
    this.logger.info(line, entry.clientGone ? 'client closed the request' : 'request completed');
  }
}
