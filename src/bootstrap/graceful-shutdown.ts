import type { INestApplication, LoggerService } from '@nestjs/common';
import type { Server } from 'node:http';
import { ShutdownState } from '../health/shutdown-state.js';

// Long enough for a load balancer polling /health/ready to see red before we stop accepting.
const READINESS_DRAIN_MS = 1_000;

/**
 * SIGTERM/SIGINT: readiness turns red first, then the server stops accepting,
 * in-flight requests finish (bounded by the grace period), then modules close.
 */
export function installGracefulShutdown(app: INestApplication, graceMs: number, logger: LoggerService, onClosed: () => Promise<void> = async () => {}): void {
  let shuttingDown = false;
  const shutdown = async (signal: string) => {
    if (shuttingDown) return;
    shuttingDown = true;
    logger.log(`${signal} received: draining`, 'Shutdown');
    app.get(ShutdownState).startDraining();
    await new Promise((resolve) => setTimeout(resolve, Math.min(READINESS_DRAIN_MS, graceMs)));
    const server = app.getHttpServer() as Server;
    const force = setTimeout(() => server.closeAllConnections(), graceMs).unref();
    // Stop accepting and let in-flight requests finish first: Nest's close() destroys
    // modules (Redis, database, upstream pools) before it closes the HTTP server.
    await new Promise<void>((resolve) => server.close(() => resolve()));
    await app.close();
    await onClosed();
    clearTimeout(force);
    logger.log('shutdown complete', 'Shutdown');
    process.exit(0);
  };
  process.once('SIGTERM', () => void shutdown('SIGTERM'));
  process.once('SIGINT', () => void shutdown('SIGINT'));
}
