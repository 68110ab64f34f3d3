import type { IncomingMessage, ServerResponse } from 'node:http';
import cors from 'cors';
import helmet from 'helmet';
import { RETURN_TO_HEADER } from '../common/http/return-to-header.js';
import type { AppConfig } from '../config/app-config.js';

/**
 * The CORS policy of our origin, used by Express (enableCors) and by the relay's edge
 * handler alike. An exact list, or no CORS at all: the request origin is never reflected.
 */
export interface EdgeCorsOptions {
  origin: string[] | false;
  credentials: boolean;
  allowedHeaders: string[];
  exposedHeaders: string[];
  maxAge: number;
}

export function corsOptions(config: AppConfig): EdgeCorsOptions {
  return {
    origin: config.http.corsOrigins.length ? config.http.corsOrigins : false,
    credentials: true,
    allowedHeaders: ['Content-Type', 'X-CSRF', 'X-Request-Id', 'Authorization', RETURN_TO_HEADER],
    exposedHeaders: ['X-Request-Id'],
    maxAge: 600,
  };
}

/** helmet with our settings: Express runs it per request; the edge uses its headers precomputed. */
export function securityHeadersMiddleware(): ReturnType<typeof helmet> {
  return helmet();
}

/**
 * The headers helmet sets, captured once at boot by running it against a recording
 * response: our helmet configuration depends on nothing in the request, so the relay's
 * edge handler sets the same values without running eleven middlewares per call.
 */
export function staticSecurityHeaders(): [string, string][] {
  const headers = new Map<string, string>();
  const recorder = {
    setHeader: (name: string, value: unknown) => headers.set(name, String(value)),
    removeHeader: (name: string) => headers.delete(name),
  };
  let completed = false;
  securityHeadersMiddleware()({ headers: {} } as IncomingMessage, recorder as unknown as ServerResponse, () => (completed = true));
  if (!completed) throw new Error('helmet did not complete synchronously; its headers cannot be precomputed');
  return [...headers];
}

/** CORS for one request outside Express; our options make the cors middleware synchronous. */
export function corsApplier(config: AppConfig): ((req: IncomingMessage, res: ServerResponse) => void) | undefined {
  const options = corsOptions(config);
  if (!options.origin) return undefined;
  const middleware = cors(options);
  return (req, res) => middleware(req, res, () => undefined);
}
