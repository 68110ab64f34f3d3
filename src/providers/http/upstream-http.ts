import { UpstreamError } from '../upstream-error.js';

/** One call to a provider. Exactly one of `json` / `form` may carry a body. */
export interface UpstreamRequest {
  method: 'GET' | 'POST' | 'PUT' | 'DELETE';
  url: string;
  headers?: Record<string, string>;
  json?: unknown;
  form?: Record<string, string | undefined>;
  /** Names the call in error messages, e.g. "code exchange"; never the URL (it may carry a token). */
  operation: string;
}

export interface UpstreamResponse {
  status: number;
  headers: Headers;
  /** Parsed JSON when the body is JSON, else undefined. */
  body: unknown;
}

// Provider answers we read are small JSON documents; refuse to buffer anything huge.
const MAX_BODY_BYTES = 1024 * 1024;

/**
 * The providers' only way out to the network: global fetch with a hard timeout.
 * It never logs, and its errors name the provider and the operation, never a URL,
 * token, code or secret. Transport failures become UpstreamError('unavailable');
 * interpreting HTTP statuses is left to the adapter (see mapFailure).
 */
export class UpstreamHttp {
  constructor(
    private readonly provider: string,
    private readonly timeoutMs: number,
  ) {}

  async send(request: UpstreamRequest): Promise<UpstreamResponse> {
    const headers: Record<string, string> = { accept: 'application/json', ...request.headers };
    let body: string | undefined;
    if (request.json !== undefined) {
      headers['content-type'] = 'application/json';
      body = JSON.stringify(request.json);
    } else if (request.form) {
      headers['content-type'] = 'application/x-www-form-urlencoded';
      body = new URLSearchParams(Object.entries(request.form).filter((e): e is [string, string] => e[1] !== undefined)).toString();
    }
    let response: Response;
    try {
      response = await fetch(request.url, { method: request.method, headers, body, redirect: 'manual', signal: AbortSignal.timeout(this.timeoutMs) });
    } catch (error) {
      throw this.transportError(request.operation, error);
    }
    return { status: response.status, headers: response.headers, body: await this.readBody(request.operation, response) };
  }

  private async readBody(operation: string, response: Response): Promise<unknown> {
    let text: string;
    try {
      text = await response.text();
    } catch (error) {
      throw this.transportError(operation, error);
    }
    if (text.length > MAX_BODY_BYTES) throw new UpstreamError('bad_response', this.provider, `${operation}: the answer is too large`, response.status);
    if (!text.trim()) return undefined;
    try {
      return JSON.parse(text);
    } catch {
      return undefined;
    }
  }

  private transportError(operation: string, error: unknown): UpstreamError {
    const name = (error as { name?: string } | null)?.name;
    if (name === 'TimeoutError' || name === 'AbortError') {
      return new UpstreamError('unavailable', this.provider, `${operation}: no answer within ${this.timeoutMs} ms`);
    }
    const code = (error as { cause?: { code?: unknown } } | null)?.cause?.code;
    const reason = typeof code === 'string' && /^[A-Z_]{2,40}$/.test(code) ? code : 'connection failed';
    return new UpstreamError('unavailable', this.provider, `${operation}: could not reach the provider (${reason})`);
  }
}

/** Seconds from a Retry-After header (delta-seconds or HTTP-date), bounded to an hour. */
export function retryAfterSeconds(headers: Headers, now = Date.now()): number | undefined {
  const raw = headers.get('retry-after')?.trim();
  if (!raw) return undefined;
  const seconds = /^\d+$/.test(raw) ? Number(raw) : Math.ceil((Date.parse(raw) - now) / 1000);
  if (!Number.isFinite(seconds)) return undefined;
  return Math.min(Math.max(seconds, 1), 3600);
}
