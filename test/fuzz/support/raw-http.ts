import { connect } from 'node:net';

/** One request exactly as written on the wire: headers may repeat or carry bytes a client library would refuse. */
export interface WireRequest {
  method: string;
  target: string;
  headers: [string, string][];
  body?: Buffer;
}

export interface WireResponse {
  status: number;
  /** Lower-case names; repeated headers joined with ", ". */
  headers: Record<string, string>;
  body: Buffer;
}

const RESPONSE_TIMEOUT_MS = 30_000;

/**
 * Sends `request` on a fresh connection (`Connection: close`) and reads the answer.
 * A raw socket, because fetch and node:http refuse NUL/CR/LF in headers and normalise
 * paths: the fuzz run must reach the server with exactly the bytes it chose. Rejects
 * when the server closes without answering or does not answer in time (both bugs).
 */
export function sendRaw(port: number, request: WireRequest): Promise<WireResponse> {
  return new Promise((resolve, reject) => {
    const socket = connect(port, '127.0.0.1');
    const chunks: Buffer[] = [];
    const timer = setTimeout(() => socket.destroy(new Error(`no answer within ${RESPONSE_TIMEOUT_MS} ms`)), RESPONSE_TIMEOUT_MS);
    let settled = false;
    const finish = (error?: Error) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      const parsed = parseResponse(Buffer.concat(chunks));
      // A server may answer early (413, 431) and close while the body is still being written: the answer counts.
      if (parsed) resolve(parsed);
      else reject(error ?? new Error(`connection closed without an answer (${chunks.length} chunks)`));
    };
    socket.on('data', (chunk: Buffer) => chunks.push(chunk));
    socket.on('end', () => finish());
    socket.on('close', () => finish());
    socket.on('error', (error) => finish(error));
    const head = [`${request.method} ${request.target} HTTP/1.1`, `Host: 127.0.0.1:${port}`, 'Connection: close'];
    for (const [name, value] of request.headers) head.push(`${name}: ${value}`);
    if (request.body && !request.headers.some(([name]) => /^(content-length|transfer-encoding)$/i.test(name))) head.push(`Content-Length: ${request.body.length}`);
    socket.write(Buffer.from(`${head.join('\r\n')}\r\n\r\n`, 'latin1'));
    if (request.body) socket.write(request.body);
  });
}

/** The status, headers and (de-chunked) body, or undefined when no complete status line and head arrived. */
export function parseResponse(raw: Buffer): WireResponse | undefined {
  // Interim answers (100 Continue) come before the real one.
  while (/^HTTP\/1\.[01] 1\d\d /.test(raw.subarray(0, 13).toString('latin1'))) {
    const end = raw.indexOf('\r\n\r\n');
    if (end < 0) return undefined;
    raw = raw.subarray(end + 4);
  }
  const headEnd = raw.indexOf('\r\n\r\n');
  if (headEnd < 0) return undefined;
  const lines = raw.subarray(0, headEnd).toString('latin1').split('\r\n');
  const status = Number(/^HTTP\/1\.[01] (\d{3})/.exec(lines[0])?.[1]);
  if (!status) return undefined;
  const headers: Record<string, string> = {};
  for (const line of lines.slice(1)) {
    const colon = line.indexOf(':');
    const name = line.slice(0, colon).trim().toLowerCase();
    const value = line.slice(colon + 1).trim();
    headers[name] = headers[name] === undefined ? value : `${headers[name]}, ${value}`;
  }
  const rest = raw.subarray(headEnd + 4);
  return { status, headers, body: /chunked/i.test(headers['transfer-encoding'] ?? '') ? dechunk(rest) : rest };
}

function dechunk(data: Buffer): Buffer {
  const out: Buffer[] = [];
  let at = 0;
  while (at < data.length) {
    const lineEnd = data.indexOf('\r\n', at);
    if (lineEnd < 0) break;
    const size = parseInt(data.subarray(at, lineEnd).toString('latin1'), 16);
    if (!size) break;
    out.push(data.subarray(lineEnd + 2, lineEnd + 2 + size));
    at = lineEnd + 2 + size + 2;
  }
  return Buffer.concat(out);
}
