import type { NextFunction, Request, Response } from 'express';
import type { Server, ServerResponse } from 'node:http';
import { DomainError } from '../common/errors/domain-error.js';
import { ErrorCode } from '../common/errors/error-code.js';

/** serving: normal; draining: answer with `Connection: close`; refusing: no longer accepting, new requests get 503. */
export type DrainPhase = 'serving' | 'draining' | 'refusing';

// While refusing, idle keep-alive sockets are closed this often so the server can finish closing
// (without it, a socket whose last response said keep-alive would linger until its keep-alive timeout).
const IDLE_SWEEP_MS = 100;

/**
 * Keep-alive draining for shutdown. Without it an instance keeps serving new requests on
 * existing connections for the whole grace period and cuts whatever is in flight at the end.
 *
 * - draining: every response says `Connection: close` (also responses already in flight whose
 *   headers are not sent yet), so each client moves to another instance after its answer;
 * - refusing: the listener is closed, idle sockets are closed, and a request that still arrives
 *   on an old connection gets a 503 `shutting_down` problem (with `Connection: close`) instead
 *   of being served by an instance that is about to disappear.
 */
export class HttpDrain {
  private phaseNow: DrainPhase = 'serving';
  // Responses whose headers may still be written: they get `Connection: close` when draining starts.
  private readonly inFlight = new Set<ServerResponse>();
  private sweeper?: NodeJS.Timeout;

  get phase(): DrainPhase {
    return this.phaseNow;
  }

  /** Express middleware; runs right after the request id so a refusal carries one. */
  readonly middleware = (req: Request, res: Response, next: NextFunction): void => {
    if (this.phaseNow === 'serving') {
      this.inFlight.add(res);
      res.once('close', () => this.inFlight.delete(res));
      return next();
    }
    res.setHeader('Connection', 'close');
    if (this.phaseNow === 'refusing') {
      return next(new DomainError(ErrorCode.ShuttingDown, 503, 'This instance is shutting down; send the request again on a new connection.', {}, { 'Retry-After': '1' }));
    }
    next();
  };

  /** Phase 1: keep serving, but every answer from now on closes its connection. */
  startDraining(): void {
    if (this.phaseNow !== 'serving') return;
    this.phaseNow = 'draining';
    for (const res of this.inFlight) if (!res.headersSent) res.setHeader('Connection', 'close');
    this.inFlight.clear();
  }

  /** Phase 2: stop accepting and close idle sockets; resolves when every connection has ended. */
  stopAccepting(server: Server): Promise<void> {
    this.startDraining();
    this.phaseNow = 'refusing';
    const closed = new Promise<void>((resolve) => server.close(() => resolve()));
    server.closeIdleConnections();
    this.sweeper = setInterval(() => server.closeIdleConnections(), IDLE_SWEEP_MS).unref();
    return closed.finally(() => clearInterval(this.sweeper));
  }

  /** Phase 3 (deadline): cut whatever is still open. */
  forceClose(server: Server): void {
    clearInterval(this.sweeper);
    server.closeAllConnections();
  }
}

const drains = new WeakMap<object, HttpDrain>();

/** The app's drain, created once by configureApp and used by the shutdown handler. */
export function httpDrainOf(app: object): HttpDrain {
  let drain = drains.get(app);
  if (!drain) {
    drain = new HttpDrain();
    drains.set(app, drain);
  }
  return drain;
}
