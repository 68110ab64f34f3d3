import { randomUUID } from 'node:crypto';
import type { IncomingMessage } from 'node:http';

// Accept a caller's id only when it is short and plain, so it is safe to log and echo.
const SAFE_REQUEST_ID = /^[\w.:-]{1,64}$/;

export function requestIdFromHeaders(header: string | string[] | undefined): string {
  const value = Array.isArray(header) ? header[0] : header;
  return value && SAFE_REQUEST_ID.test(value) ? value : randomUUID();
}

/** The id pino-http assigned (see logging module); falls back for very early failures. */
export function requestIdOf(request: IncomingMessage & { id?: unknown }): string {
  return typeof request.id === 'string' ? request.id : requestIdFromHeaders(request.headers['x-request-id']);
}
