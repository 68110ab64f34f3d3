import { browserLogin, ManualBrowser } from '../support/browser.js';
import type { LoginStack } from '../support/login-stack.js';

export const USERS = {
  ops: { username: 'ops', password: 'ops-password' },
  alice: { username: 'alice', password: 'alice-password' },
  bob: { username: 'bob', password: 'bob-password' },
  noperms: { username: 'noperms', password: 'noperms-password' },
} as const;

export interface Caller {
  cookie: string;
  call(method: string, path: string, body?: unknown, headers?: Record<string, string>): Promise<{ status: number; headers: Headers; body: Record<string, unknown> }>;
}

/** Logs `user` in at `provider` through the browser flow and returns a cookie session that sends CSRF headers on writes. */
export async function signIn(stack: LoginStack, provider: string, user: { username: string; password: string }, baseUrl = stack.bff.url): Promise<Caller> {
  const browser = new ManualBrowser();
  const login = await browserLogin(browser, stack.bff.url, provider, user);
  if (login.status !== 302) throw new Error(`login failed: ${login.status}`);
  const cookie = `__Host-bff_session=${browser.cookie('__Host-bff_session')}`;
  const origin = stack.bff.config.http.publicUrl;
  return {
    cookie,
    async call(method, path, body, headers = {}) {
      const write = method !== 'GET';
      const res = await fetch(`${baseUrl}${path}`, {
        method,
        headers: { cookie, ...(write ? { 'x-csrf': '1', origin } : {}), ...(body !== undefined ? { 'content-type': 'application/json' } : {}), ...headers },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
      const text = await res.text();
      return { status: res.status, headers: res.headers, body: text ? (JSON.parse(text) as Record<string, unknown>) : {} };
    },
  };
}
