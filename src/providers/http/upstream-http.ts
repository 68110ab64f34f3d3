import { Agent, request as undiciRequest, type Dispatcher } from 'undici';
import { UpstreamError } from '../upstream-error.js';
import { backoffDelay, sleep } from './backoff.js';

/** One call to a provider. Exactly one of `json` / `form` may carry a body. */
export interface UpstreamRequest {
  method: 'GET' | 'POST' | 'PUT' | 'DELETE';
  url: string;
  headers?: Record<string, string>;
  json?: unknown;
  form?: Record<string, string | undefined>;
  /** Names the call in error messages, e.g. "code exchange"; never the URL (it may carry a token). */
  operation: string;
  /**
   * May be sent again after a failure. Defaults to true for GET only: a code exchange
   * or a rotating refresh must never be replayed (the second one would be refused, or
   * worse, read as token theft and revoke the whole grant).
   */
  idempotent?: boolean;
}

export interface UpstreamResponse {
  status: number;
  headers: Headers;
  /** Parsed JSON when the body is JSON, else undefined. */
  body: unknown;
}

export interface UpstreamHttpOptions {
  /** TCP/TLS connect timeout; the total timeout still bounds the whole call. */
  connectTimeoutMs?: number;
  /** Total attempts for idempotent calls (1 = no retry). */
  maxAttempts?: number;
  /** Injectable for tests (e.g. a MockAgent). */
  dispatcher?: Dispatcher;
}

// Provider answers we read are small JSON documents; refuse to buffer anything huge.
const MAX_BODY_BYTES = 1024 * 1024;
const RETRYABLE_STATUS = new Set([429, 502, 503, 504]);

/**
 * The providers' only way out to the network: undici with a keep-alive connection
 * pool per provider (one Agent per adapter; undici keeps one pool per origin inside
 * it), a connect timeout, and one total timeout that bounds every attempt together.
 * Idempotent calls are retried on connection failures, 502/503/504 and 429 with
 * exponential backoff and jitter, honouring Retry-After when it fits the budget.
 *
 * It never logs, and its errors name the provider and the operation, never a URL,
 * token, code or secret. Transport failures become UpstreamError('unavailable');
 * interpreting HTTP statuses is left to the adapter (see mapFailure).
 */
export class UpstreamHttp {
  private readonly dispatcher: Dispatcher;
  private readonly maxAttempts: number;

  constructor(
    private readonly provider: string,
    private readonly timeoutMs: number,
    options: UpstreamHttpOptions = {},
  ) {
    this.maxAttempts = options.maxAttempts ?? 3;
    this.dispatcher =
      options.dispatcher ??
      new Agent({ keepAliveTimeout: 30_000, connections: 128, connect: { timeout: Math.min(options.connectTimeoutMs ?? 5_000, timeoutMs) } });
  }

  async send(request: UpstreamRequest): Promise<UpstreamResponse> {
    const deadline = Date.now() + this.timeoutMs;
    const attempts = request.idempotent ?? request.method === 'GET' ? this.maxAttempts : 1;
    for (let attempt = 1; ; attempt++) {
      const last = attempt >= attempts;
      let response: UpstreamResponse;
      try {
        response = await this.attempt(request, deadline);
      } catch (error) {
        const wait = backoffDelay(attempt - 1);
        if (last || !(error instanceof UpstreamError) || error.failure !== 'unavailable' || Date.now() + wait >= deadline) throw error;
        await sleep(wait);
        continue;
      }
      if (last || !RETRYABLE_STATUS.has(response.status)) return response;
      const retryAfter = retryAfterSeconds(response.headers);
      const wait = retryAfter !== undefined ? retryAfter * 1000 : backoffDelay(attempt - 1);
      // A wait that does not fit the budget is the caller's to honour (Retry-After on our 503).
      if (Date.now() + wait >= deadline) return response;
      await sleep(wait);
    }
  }

  private async attempt(request: UpstreamRequest, deadline: number): Promise<UpstreamResponse> {
    const headers: Record<string, string> = { accept: 'application/json', ...request.headers };
    let body: string | undefined;
    if (request.json !== undefined) {
      headers['content-type'] = 'application/json';
      body = JSON.stringify(request.json);
    } else if (request.form) {
      headers['content-type'] = 'application/x-www-form-urlencoded';
      body = new URLSearchParams(Object.entries(request.form).filter((e): e is [string, string] => e[1] !== undefined)).toString();
    }
    const signal = AbortSignal.timeout(Math.max(1, deadline - Date.now()));
    let response: Dispatcher.ResponseData;
    try {
      // undici.request does not follow redirects (a 3xx comes back as is), like fetch's redirect: 'manual'.
      response = await undiciRequest(request.url, { method: request.method, headers, body, signal, dispatcher: this.dispatcher });
    } catch (error) {
      throw this.transportError(request.operation, error);
    }
    const responseHeaders = toHeaders(response.headers);
    return { status: response.statusCode, headers: responseHeaders, body: await this.readBody(request.operation, response) };
  }

  private async readBody(operation: string, response: Dispatcher.ResponseData): Promise<unknown> {
    const chunks: Buffer[] = [];
    let size = 0;
    try {
      for await (const chunk of response.body) {
        size += (chunk as Buffer).length;
        if (size > MAX_BODY_BYTES) {
          response.body.destroy();
          throw new UpstreamError('bad_response', this.provider, `${operation}: the answer is too large`, response.statusCode);
        }
        chunks.push(chunk as Buffer);
      }
    } catch (error) {
      if (error instanceof UpstreamError) throw error;
      throw this.transportError(operation, error);
    }
    const text = Buffer.concat(chunks).toString('utf8');
    if (!text.trim()) return undefined;
    try {
      return JSON.parse(text);
    } catch {
      return undefined;
    }
  }

  private transportError(operation: string, error: unknown): UpstreamError {
    const failure = error as { name?: string; code?: unknown; cause?: { code?: unknown } } | null;
    if (failure?.name === 'TimeoutError' || failure?.name === 'AbortError' || failure?.code === 'UND_ERR_ABORTED') {
      return new UpstreamError('unavailable', this.provider, `${operation}: no answer within ${this.timeoutMs} ms`);
    }
    const code = typeof failure?.code === 'string' ? failure.code : failure?.cause?.code;
    const reason = typeof code === 'string' && /^[A-Z_]{2,40}$/.test(code) ? code : 'connection failed';
    return new UpstreamError('unavailable', this.provider, `${operation}: could not reach the provider (${reason})`);
  }
}

function toHeaders(raw: Record<string, string | string[] | undefined>): Headers {
  const headers = new Headers();
  for (const [name, value] of Object.entries(raw)) {
    if (Array.isArray(value)) for (const v of value) headers.append(name, v);
    else if (value !== undefined) headers.set(name, value);
  }
  return headers;
}

/** Seconds from a Retry-After header (delta-seconds or HTTP-date), bounded to an hour. */
export function retryAfterSeconds(headers: Headers, now = Date.now()): number | undefined {
  const raw = headers.get('retry-after')?.trim();
  if (!raw) return undefined;
  const seconds = /^\d+$/.test(raw) ? Number(raw) : Math.ceil((Date.parse(raw) - now) / 1000);
  if (!Number.isFinite(seconds)) return undefined;
  return Math.min(Math.max(seconds, 1), 3600);
}
