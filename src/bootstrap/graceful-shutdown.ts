import type { INestApplication, LoggerService } from '@nestjs/common';
import type { Server } from 'node:http';
import { ShutdownState } from '../health/shutdown-state.js';
import type { ShutdownTimeline } from '../config/shutdown-budget.js';
import { httpDrainOf } from './http-drain.js';

/**
 * SIGTERM/SIGINT, all within SHUTDOWN_GRACE_MS of the signal whatever state the
 * dependencies are in (see docs/operations.md):
 * 1. readiness turns red and every answer says `Connection: close`;
 * 2. after SHUTDOWN_READINESS_DRAIN_MS for load balancers to notice, the listener closes, idle sockets close,
 *    and a new request on an old connection gets 503 `shutting_down`;
 * 3. in-flight requests finish (config keeps RELAY_TIMEOUT_MS inside the grace period);
 *    whatever is still open at the cut-off is closed;
 * 4. modules close (Redis, database, upstream pools), each bounded; the process exits
 *    at the grace deadline at the latest.
 */
export function installGracefulShutdown(app: INestApplication, timeline: ShutdownTimeline, logger: LoggerService, onClosed: () => Promise<void> = async () => {}): void {
  let shuttingDown = false;
  const shutdown = async (signal: string) => {
    if (shuttingDown) return;
    shuttingDown = true;
    // The last resort: nothing below may keep the process past its grace period.
    setTimeout(() => {
      logger.error(`shutdown did not finish within ${timeline.exitAtMs} ms: exiting anyway`, 'Shutdown');
      process.exit(1);
    }, timeline.exitAtMs).unref();
    logger.log(`${signal} received: draining`, 'Shutdown');
    const drain = httpDrainOf(app);
    app.get(ShutdownState).startDraining();
    drain.startDraining();
    await sleep(timeline.stopAcceptingAtMs);
    const server = app.getHttpServer() as Server;
    const force = setTimeout(() => drain.forceClose(server), timeline.forceCloseAtMs - timeline.stopAcceptingAtMs).unref();
    // Stop accepting and let in-flight requests finish first: Nest's close() destroys
    // modules (Redis, database, upstream pools) before it closes the HTTP server.
    await drain.stopAccepting(server);
    clearTimeout(force);
    await app.close();
    await onClosed();
    logger.log('shutdown complete', 'Shutdown');
    process.exit(0);
  };
  process.once('SIGTERM', () => void shutdown('SIGTERM'));
  process.once('SIGINT', () => void shutdown('SIGINT'));
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
