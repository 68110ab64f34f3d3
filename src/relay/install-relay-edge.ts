import type { INestApplication } from '@nestjs/common';
import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import type { Request, Response } from 'express';
import { httpDrainOf } from '../bootstrap/http-drain.js';
import { RelayEdge } from './relay-edge.js';

type RequestListener = (req: IncomingMessage, res: ServerResponse) => void;

/**
 * Puts the relay's edge handler in front of Express on the app's HTTP server: relayed
 * calls go to RelayEdge, everything else to the listeners that were there (Express).
 * Called once the app is built (createApp), before it listens.
 */
export function installRelayEdge(app: INestApplication): void {
  const server = app.getHttpServer() as Server;
  const edge = app.get(RelayEdge);
  // The shutdown drain (Connection: close, then 503) applies to relayed calls too; Express's copy never sees them.
  const drain = httpDrainOf(app);
  const others = server.listeners('request') as RequestListener[];
  server.removeAllListeners('request');
  server.on('request', (req: IncomingMessage, res: ServerResponse) => {
    if (edge.takes(req)) drain.middleware(req as Request, res as Response, (refused?: unknown) => void edge.handle(req, res, refused));
    else for (const listener of others) listener.call(server, req, res);
  });
}
