import type { INestApplication } from '@nestjs/common';
import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import type { Request, Response } from 'express';
import { httpDrainOf } from './http-drain.js';

type RequestListener = (req: IncomingMessage, res: ServerResponse) => void;

/** A hot route served on the raw HTTP server, ahead of Express (the relay, /me). */
export interface EdgeHandler {
  takes(req: IncomingMessage): boolean;
  /** `refused`: the shutdown drain's 503, to be answered like any other problem. */
  handle(req: IncomingMessage, res: ServerResponse, refused?: unknown): Promise<void>;
}

/**
 * Puts `edge` in front of whatever serves the app's HTTP server (Express, and edges
 * installed before it): requests it takes go to it, everything else to the listeners
 * that were there. Called once the app is built (createApp), before it listens.
 */
export function installEdgeHandler(app: INestApplication, edge: EdgeHandler): void {
  const server = app.getHttpServer() as Server;
  // The shutdown drain (Connection: close, then 503) applies to edge routes too; Express's copy never sees them.
  const drain = httpDrainOf(app);
  const others = server.listeners('request') as RequestListener[];
  server.removeAllListeners('request');
  server.on('request', (req: IncomingMessage, res: ServerResponse) => {
    if (edge.takes(req)) drain.middleware(req as Request, res as Response, (refused?: unknown) => void edge.handle(req, res, refused));
    else for (const listener of others) listener.call(server, req, res);
  });
}
