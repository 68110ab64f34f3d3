import type { ServerResponse } from 'node:http';
import type { Dispatcher } from 'undici';
import type { Expirable } from './relay-deadlines.js';
import type { DpopRefusal, DpopWatch } from './relay-dpop.js';
import { downstreamResponseHeaders, relayedAnswerHead, type FixedAnswerHeaders } from './relay-headers.js';

/** A token rejection: 401 everywhere, 498 "invalid token" where Cal.com (and a few others) use it. */
export function isTokenRejection(status: number): boolean {
  return status === 401 || status === 498;
}

/** How one upstream attempt ended. */
export type ExchangeOutcome =
  /** The answer was streamed to the client with this status. */
  | { kind: 'relayed'; status: number; bytes: number }
  /** A token rejection held back (body discarded) so the caller can refresh and retry; `dpop`: our DPoP proof was refused (no refresh). */
  | { kind: 'rejected'; status: number; dpop?: DpopRefusal }
  /** The declared response length was over the limit; nothing was sent. */
  | { kind: 'too_large' }
  /** The client went away; the upstream call was aborted. */
  | { kind: 'client_gone' };

/** A failure before any byte reached the client (the caller answers 502/504), or after (the transfer was cut). */
export class ExchangeFailed extends Error {
  constructor(
    readonly reason: unknown,
    readonly afterHeaders: boolean,
  ) {
    super('relayed call failed');
  }
}

export interface ExchangeOptions {
  method: string;
  maxResponseBytes: number;
  /** Hold back a token rejection instead of relaying it (only when the request can be replayed). */
  holdTokenRejection: boolean;
  /** Headers not yet set on the response that the answer carries, with our request id (RelayCall.fixedHeaders). */
  fixedHeaders?: FixedAnswerHeaders;
  requestId: string;
}

const CLIENT_GONE = new Error('client closed the request');

/** Our own deadline (RELAY_TIMEOUT_MS) passed; classified as a timeout (504 before the status line). */
export class RelayDeadlineExceeded extends Error {
  constructor() {
    super('relay deadline exceeded');
    this.name = 'RelayDeadlineExceeded';
  }
}
const DEADLINE_EXCEEDED = new RelayDeadlineExceeded();
const NO_BODY_STATUS = new Set([204, 304]);

/**
 * One upstream attempt as an undici dispatch handler that writes the answer straight
 * into the client's response: no intermediate Readable, no pipeline, no per-call
 * AbortController or timer (the deadline is RelayDeadlines' one shared sweep).
 * Backpressure pauses the upstream socket until the client drains. The upstream is
 * aborted only when the client really goes away (`clientGone()`), when the deadline
 * passes (`expire()`), or when an undeclared body grows past the limit (the transfer is
 * then cut: the status line is already gone).
 */
export class UpstreamExchange implements Dispatcher.DispatchHandler, Expirable {
  readonly done: Promise<ExchangeOutcome>;
  deadline = 0;
  private resolve!: (outcome: ExchangeOutcome) => void;
  private reject!: (error: unknown) => void;
  private controller?: Dispatcher.DispatchController;
  private mode: 'waiting' | 'relay' | 'discard' | 'head' = 'waiting';
  private outcome: ExchangeOutcome = { kind: 'client_gone' };
  private seen = 0;
  private gone = false;
  private settled = false;

  constructor(
    private readonly res: ServerResponse,
    private readonly options: ExchangeOptions,
    /** Only on calls with a DPoP-bound token (relay-dpop.ts). */
    private readonly dpop?: DpopWatch,
  ) {
    this.done = new Promise((resolve, reject) => {
      this.resolve = resolve;
      this.reject = reject;
    });
  }

  /** The client disconnected: stop the upstream call; the exchange settles as client_gone. */
  clientGone(): void {
    if (this.settled) return;
    this.gone = true;
    this.controller?.abort(CLIENT_GONE);
    this.finish({ kind: 'client_gone' });
  }

  /** RELAY_TIMEOUT_MS passed (RelayDeadlines): abort; before the status line this becomes a 504. */
  expire(): void {
    if (this.settled) return;
    if (this.controller) this.controller.abort(DEADLINE_EXCEEDED);
    else this.onResponseError(undefined, DEADLINE_EXCEEDED);
  }

  onRequestStart(controller: Dispatcher.DispatchController): void {
    this.controller = controller;
    if (this.gone) controller.abort(CLIENT_GONE);
  }

  onResponseStart(controller: Dispatcher.DispatchController, statusCode: number, headers: Record<string, string | string[]>): void {
    const dpop = this.dpop === undefined ? undefined : this.dpop(statusCode, headers);
    if (this.options.holdTokenRejection && isTokenRejection(statusCode)) {
      this.mode = 'discard';
      this.outcome = dpop ? { kind: 'rejected', status: statusCode, dpop } : { kind: 'rejected', status: statusCode };
      return;
    }
    const declared = Number(headers['content-length']);
    if (Number.isFinite(declared) && declared > this.options.maxResponseBytes) {
      this.outcome = { kind: 'too_large' };
      controller.abort(CLIENT_GONE);
      this.finish(this.outcome);
      return;
    }
    const { fixedHeaders } = this.options;
    this.res.writeHead(statusCode, fixedHeaders ? relayedAnswerHead(fixedHeaders, this.options.requestId, headers) : downstreamResponseHeaders(headers));
    this.mode = this.options.method === 'HEAD' || NO_BODY_STATUS.has(statusCode) ? 'head' : 'relay';
    this.outcome = { kind: 'relayed', status: statusCode, bytes: 0 };
  }

  onResponseData(controller: Dispatcher.DispatchController, chunk: Buffer): void {
    if (this.mode !== 'relay') return;
    this.seen += chunk.length;
    if (this.seen > this.options.maxResponseBytes) {
      controller.abort(CLIENT_GONE);
      this.res.destroy();
      this.finish(this.outcome);
      return;
    }
    if (!this.res.write(chunk)) {
      controller.pause();
      this.res.once('drain', () => controller.resume());
    }
  }

  onResponseEnd(): void {
    if (this.mode === 'relay' || this.mode === 'head') this.res.end();
    // Body bytes forwarded, for usage metering.
    if (this.outcome.kind === 'relayed') this.outcome.bytes = this.seen;
    this.finish(this.outcome);
  }

  onResponseError(_controller: Dispatcher.DispatchController | undefined, error: Error): void {
    if (this.settled) return;
    if (this.gone) return this.finish({ kind: 'client_gone' });
    this.settled = true;
    this.reject(new ExchangeFailed(error, this.mode === 'relay' || this.mode === 'head'));
  }

  private finish(outcome: ExchangeOutcome): void {
    if (this.settled) return;
    this.settled = true;
    this.resolve(outcome);
  }
}
