import { Inject, Injectable, type OnModuleDestroy } from '@nestjs/common';
import type { Readable } from 'node:stream';
import { errors, Pool, type Dispatcher } from 'undici';
import { APP_CONFIG, type AppConfig } from '../config/app-config.js';
import { RelayDeadlines } from './relay-deadlines.js';
import { RelayDeadlineExceeded, type UpstreamExchange } from './relay-exchange.js';

export interface UpstreamCall {
  url: URL;
  method: string;
  headers: Record<string, string>;
  body?: Buffer | Readable;
}

/** Why a call produced no response, reduced to what the relay answers (504 / 502). */
export type UpstreamCallFailure = 'timeout' | 'unreachable';

/**
 * undici keep-alive pools, one per upstream origin, created on first use and reused by
 * every relayed call to that origin. A Pool is bound to its origin: the request carries
 * only path and query, so no input can steer it to another host. RELAY_TIMEOUT_MS is
 * one shared sweep for all calls (RelayDeadlines); undici's own connect, headers and
 * body timeouts stay as backstops. No timer per call.
 */
@Injectable()
export class RelayUpstream implements OnModuleDestroy {
  private readonly pools = new Map<string, Pool>();
  private readonly settings: AppConfig['relay'];
  private readonly deadlines: RelayDeadlines;

  constructor(@Inject(APP_CONFIG) config: AppConfig) {
    this.settings = config.relay;
    this.deadlines = new RelayDeadlines(config.relay.timeoutMs);
  }

  /** Starts the call under the relay deadline; `handler` receives the answer as it arrives. */
  dispatch(call: UpstreamCall, handler: UpstreamExchange): void {
    this.deadlines.track(handler);
    const untrack = () => this.deadlines.untrack(handler);
    handler.done.then(untrack, untrack);
    this.pool(call.url.origin).dispatch(
      {
        path: `${call.url.pathname}${call.url.search}`,
        method: call.method as Dispatcher.HttpMethod,
        headers: call.headers,
        body: call.body,
        headersTimeout: this.settings.timeoutMs,
        bodyTimeout: this.settings.timeoutMs,
      },
      handler,
    );
  }

  private pool(origin: string): Pool {
    let pool = this.pools.get(origin);
    if (!pool) {
      pool = new Pool(origin, { connect: { timeout: this.settings.connectTimeoutMs }, keepAliveTimeout: 10_000, connections: 256, pipelining: 1 });
      this.pools.set(origin, pool);
    }
    return pool;
  }

  async onModuleDestroy(): Promise<void> {
    this.deadlines.close();
    const pools = [...this.pools.values()];
    this.pools.clear();
    await Promise.all(pools.map((p) => p.destroy()));
  }
}

/** Classifies a failure: our deadline and undici's own are timeouts, everything else unreachable. */
export function classifyFailure(error: unknown): UpstreamCallFailure {
  if (error instanceof RelayDeadlineExceeded) return 'timeout';
  if (error instanceof errors.ConnectTimeoutError || error instanceof errors.HeadersTimeoutError || error instanceof errors.BodyTimeoutError) return 'timeout';
  return 'unreachable';
}
