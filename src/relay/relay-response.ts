import type { Response } from 'express';
import { pipeline } from 'node:stream/promises';
import type { Dispatcher } from 'undici';
import { ByteLimit } from './relay-body.js';
import { responseTooLarge } from './relay-errors.js';
import { downstreamResponseHeaders } from './relay-headers.js';

/** A token rejection: 401 everywhere, 498 "invalid token" where Cal.com (and a few others) use it. */
export function isTokenRejection(status: number): boolean {
  return status === 401 || status === 498;
}

/**
 * Streams an upstream answer to the browser with its status and filtered headers.
 * A declared length over the limit is refused before anything is sent (502 problem);
 * an undeclared one that grows past it aborts the response mid-stream, because the
 * status line is already gone by then (the browser sees a truncated transfer).
 * Resolves to the number of body bytes forwarded (for usage metering).
 */
export async function forwardResponse(upstream: Dispatcher.ResponseData, res: Response, opts: { method: string; provider: string; maxBytes: number }): Promise<number> {
  const declared = Number(upstream.headers['content-length']);
  if (Number.isFinite(declared) && declared > opts.maxBytes) {
    upstream.body.destroy();
    throw responseTooLarge(opts.provider, opts.maxBytes);
  }
  res.status(upstream.statusCode);
  for (const [name, value] of Object.entries(downstreamResponseHeaders(upstream.headers))) res.setHeader(name, value);
  if (opts.method === 'HEAD' || upstream.statusCode === 204 || upstream.statusCode === 304) {
    await upstream.body.dump();
    res.end();
    return 0;
  }
  const limit = new ByteLimit(opts.maxBytes);
  try {
    await pipeline(upstream.body, limit, res);
    return limit.bytes;
  } catch (error) {
    if (limit.exceeded) throw responseTooLarge(opts.provider, opts.maxBytes);
    throw error;
  }
}
