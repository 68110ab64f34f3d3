import type { IncomingMessage } from 'node:http';
import { Transform, type TransformCallback } from 'node:stream';
import { bodyTooLarge } from './relay-errors.js';

/**
 * The request body as it will go upstream. A small body (declared length within the
 * replay buffer) is read into memory so a 401-triggered retry can resend it; a larger
 * or chunked one is streamed once through a byte counter and cannot be replayed.
 */
export type RelayBody =
  | { kind: 'none' }
  | { kind: 'buffered'; data: Buffer }
  | { kind: 'stream'; stream: ByteLimit; length?: number };

export function isReplayable(body: RelayBody): boolean {
  return body.kind !== 'stream';
}

/** Counts bytes and fails the stream once more than `limit` passed. */
export class ByteLimit extends Transform {
  exceeded = false;
  private seen = 0;

  constructor(private readonly limit: number) {
    super();
  }

  /** Bytes that passed so far. */
  get bytes(): number {
    return this.seen;
  }

  override _transform(chunk: Buffer, _encoding: BufferEncoding, callback: TransformCallback): void {
    this.seen += chunk.length;
    if (this.seen > this.limit) {
      this.exceeded = true;
      callback(new Error('relay byte limit exceeded'));
      return;
    }
    callback(null, chunk);
  }
}

function declaredLength(req: IncomingMessage): number | undefined {
  const header = req.headers['content-length'];
  return header !== undefined && /^\d+$/.test(header) ? Number(header) : undefined;
}

/** Decides how the body travels; refuses a declared length over the limit before reading a byte. */
export async function readRelayBody(req: IncomingMessage, limits: { maxBodyBytes: number; replayBufferBytes: number }): Promise<RelayBody> {
  const length = declaredLength(req);
  const chunked = req.headers['transfer-encoding'] !== undefined;
  if (!chunked && !length) return { kind: 'none' };
  if (length !== undefined && length > limits.maxBodyBytes) throw bodyTooLarge(limits.maxBodyBytes);
  if (!chunked && length !== undefined && length <= limits.replayBufferBytes) return { kind: 'buffered', data: await readAll(req, limits.maxBodyBytes) };
  const stream = new ByteLimit(limits.maxBodyBytes);
  // The failure surfaces through the upstream call (and `exceeded`); an unobserved 'error' event would crash the process.
  stream.on('error', () => undefined);
  req.pipe(stream);
  req.once('error', (error) => stream.destroy(error));
  return { kind: 'stream', stream, length: chunked ? undefined : length };
}

async function readAll(req: IncomingMessage, limit: number): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > limit) throw bodyTooLarge(limit);
    chunks.push(chunk);
  }
  return Buffer.concat(chunks);
}
