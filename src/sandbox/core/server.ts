import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import express, { type Express, type NextFunction, type Request, type Response } from 'express';
import type { SandboxProvider, SandboxSeed } from './contract.js';
import { SandboxState } from './context.js';
import { controlRouter } from './control.js';
import { PAGE_CSP } from './html.js';
import { renderIndexPage } from './index-page.js';
import { DEFAULT_SEED } from '../seed.js';

export interface SandboxServerOptions {
  /** Absolute base URL; when omitted it becomes http://host:port once listening. */
  publicUrl?: string;
  /** Mount `/_control` (tests only). */
  control: boolean;
  seed?: SandboxSeed;
  providers: SandboxProvider[];
}

export interface RunningSandbox {
  url: string;
  port: number;
  close(): Promise<void>;
}

export interface SandboxServer {
  app: Express;
  context: SandboxState;
  listen(port: number, host: string): Promise<RunningSandbox>;
}

/** Builds the sandbox Express app: index, health, control API and every provider mount. */
export function createSandboxServer(opts: SandboxServerOptions): SandboxServer {
  const seed = structuredClone(opts.seed ?? DEFAULT_SEED);
  const state = new SandboxState(seed, opts.publicUrl ?? 'http://127.0.0.1');
  const app = express();
  app.disable('x-powered-by');
  app.set('etag', false);
  app.use((_req, res, next) => {
    // Token responses must never be cached (RFC 6749 §5.1); nothing here should be.
    res.setHeader('Cache-Control', 'no-store');
    res.setHeader('Pragma', 'no-cache');
    res.setHeader('X-Content-Type-Options', 'nosniff');
    next();
  });

  const mounts = opts.providers.flatMap((provider) =>
    provider.mounts(state).map((m) => ({ provider: provider.id, basePath: m.basePath, router: m.router })),
  );

  app.get('/', (_req, res) => {
    res.setHeader('Content-Security-Policy', PAGE_CSP);
    res.type('html').send(renderIndexPage({ publicUrl: state.publicUrl, mounts, seed, control: opts.control }));
  });
  app.get('/health', (_req, res) => {
    res.json({ status: 'ok', providers: [...new Set(mounts.map((m) => m.provider))] });
  });
  if (opts.control) {
    app.use('/_control', controlRouter(state, [...new Set(opts.providers.map((p) => p.id))]));
  }
  for (const m of mounts) app.use(m.basePath, m.router);

  app.use((_req, res) => {
    res.status(404).json({ error: 'not_found' });
  });
  // Last resort only: each provider router answers its own errors in its own shape.
  app.use((err: { status?: number }, _req: Request, res: Response, _next: NextFunction) => {
    const status = err.status && err.status >= 400 && err.status < 500 ? err.status : 500;
    if (!res.headersSent) res.status(status).json({ error: status === 500 ? 'internal_error' : 'bad_request' });
  });

  return {
    app,
    context: state,
    listen(port, host) {
      return new Promise<RunningSandbox>((resolve, reject) => {
        const server: Server = app.listen(port, host);
        server.once('error', reject);
        server.once('listening', () => {
          const address = server.address() as AddressInfo;
          const hostForUrl = address.family === 'IPv6' ? `[${address.address}]` : address.address;
          const url = opts.publicUrl?.replace(/\/$/, '') ?? `http://${hostForUrl}:${address.port}`;
          state.setPublicUrl(url);
          resolve({
            url,
            port: address.port,
            close: () =>
              new Promise<void>((done, fail) => {
                server.close((err) => (err ? fail(err) : done()));
                // Keep-alive sockets from fetch would otherwise hold close() open.
                server.closeAllConnections();
              }),
          });
        });
      });
    },
  };
}
