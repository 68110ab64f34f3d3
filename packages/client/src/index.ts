import createClient, { type Client, type Middleware } from 'openapi-fetch';
import type { paths } from './schema.js';

export type { paths } from './schema.js';

/** The answer that means "send the user through the provider's login": one handler serves both. */
export interface LoginRequired {
  /** `reauth_required` (401: the link can no longer be used) or `provider_not_linked` (409: never linked). */
  code: 'reauth_required' | 'provider_not_linked';
  provider?: string;
  /** The provider's login URL on the BFF, made absolute; carries `returnTo` when the client sent one (see `returnTo`). */
  loginUrl?: string;
  requestId?: string;
}

export interface BffClientOptions {
  /** The BFF's origin, e.g. `http://localhost:3000`. */
  baseUrl: string;
  /** Called (before the caller sees the response) when the BFF answers reauth_required or provider_not_linked. */
  onLoginRequired?: (answer: LoginRequired) => void;
  /**
   * Where a login should bring the user back to, sent as `X-Return-To` on every call (e.g.
   * `() => location.href`); the BFF puts it into `loginUrl` when it is a BFF path or a URL on
   * one of its APP_ORIGINS, and drops it otherwise. Without it `loginUrl` returns to `/`.
   */
  returnTo?: () => string | undefined;
  /** A fetch implementation (tests, React Native); defaults to the global one. */
  fetch?: typeof globalThis.fetch;
}

export type BffClient = Client<paths> & {
  /**
   * A relayed call: `relay('bluejeans', 'v1/user/1001')`. The typed `GET('/v1/api/{provider}/{path}')`
   * percent-encodes `path` as one segment (`v1%2Fuser%2F1001`), which the relay refuses.
   */
  relay(provider: string, path: string, init?: RequestInit): Promise<Response>;
};

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);
const LOGIN_REQUIRED = new Set(['reauth_required', 'provider_not_linked']);

/** Cookie-authenticated writes need `X-CSRF: 1` (the BFF also checks Origin, which the browser sets). */
export const csrfHeader: Middleware = {
  onRequest({ request }) {
    if (!SAFE_METHODS.has(request.method.toUpperCase())) request.headers.set('X-CSRF', '1');
    return request;
  },
};

/** Sends `X-Return-To` so a login-required answer's `loginUrl` comes back to the app. */
export function returnToHeader(returnTo: () => string | undefined): Middleware {
  return {
    onRequest({ request }) {
      const target = returnTo();
      if (target) request.headers.set('X-Return-To', target);
      return request;
    },
  };
}

/** Reads a 401/409 problem+json body and hands the login-required answers to `onLoginRequired`. */
async function reportLoginRequired(response: Response, baseUrl: string, onLoginRequired: (answer: LoginRequired) => void): Promise<void> {
  if (response.status !== 401 && response.status !== 409) return;
  if (!(response.headers.get('content-type') ?? '').includes('application/problem+json')) return;
  const problem = (await response.clone().json().catch(() => ({}))) as Partial<LoginRequired> & { code?: string };
  if (!problem.code || !LOGIN_REQUIRED.has(problem.code)) return;
  const loginUrl = problem.loginUrl ? new URL(problem.loginUrl, baseUrl).toString() : undefined;
  onLoginRequired({ code: problem.code as LoginRequired['code'], provider: problem.provider, loginUrl, requestId: problem.requestId });
}

export function loginRequiredHandler(onLoginRequired: (answer: LoginRequired) => void, baseUrl: string): Middleware {
  return {
    async onResponse({ response }) {
      await reportLoginRequired(response, baseUrl, onLoginRequired);
      return response;
    },
  };
}

/** The relay URL: each segment of the upstream path encoded on its own (an encoded `/` is refused by the relay). */
export function relayUrl(baseUrl: string, provider: string, path: string): string {
  const [pathname, query] = path.replace(/^\//, '').split(/\?(.*)/s, 2);
  const segments = pathname.split('/').map((segment) => encodeURIComponent(decodeURIComponent(segment)));
  return `${baseUrl}/v1/api/${encodeURIComponent(provider)}/${segments.join('/')}${query ? `?${query}` : ''}`;
}

/**
 * A typed client for every route of openapi.json. Requests carry the session cookie
 * (`credentials: 'include'`, so the BFF must list the app's origin in CORS_ORIGINS and
 * APP_ORIGINS), writes carry the CSRF header, and "log in again" answers reach one handler.
 */
export function createBffClient(options: BffClientOptions): BffClient {
  const baseUrl = options.baseUrl.replace(/\/$/, '');
  const client = createClient<paths>({ baseUrl, credentials: 'include', fetch: options.fetch });
  client.use(csrfHeader);
  if (options.returnTo) client.use(returnToHeader(options.returnTo));
  if (options.onLoginRequired) client.use(loginRequiredHandler(options.onLoginRequired, baseUrl));
  const fetchImpl = options.fetch ?? ((input: Request) => globalThis.fetch(input));
  const relay = async (provider: string, path: string, init: RequestInit = {}): Promise<Response> => {
    const request = new Request(relayUrl(baseUrl, provider, path), { ...init, credentials: 'include' });
    if (!SAFE_METHODS.has(request.method)) request.headers.set('X-CSRF', '1');
    const target = options.returnTo?.();
    if (target) request.headers.set('X-Return-To', target);
    const response = await fetchImpl(request);
    if (options.onLoginRequired) await reportLoginRequired(response, baseUrl, options.onLoginRequired);
    return response;
  };
  return Object.assign(client, { relay });
}

/** Where a login (or, when signed in, linking another provider) starts; the BFF comes back to `returnTo`. */
export function loginUrl(baseUrl: string, provider: string, returnTo: string): string {
  return `${baseUrl.replace(/\/$/, '')}/v1/auth/${encodeURIComponent(provider)}/login?returnTo=${encodeURIComponent(returnTo)}`;
}

/** The `error` and `requestId` a failed login or link appended to the app's URL, if any. */
export function loginFailureOf(location: { search: string }): { error: string; requestId?: string } | undefined {
  const params = new URLSearchParams(location.search);
  const error = params.get('error');
  return error ? { error, requestId: params.get('requestId') ?? undefined } : undefined;
}
