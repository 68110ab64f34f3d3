import { request as httpRequest } from 'node:http';
import { browserLogin, ManualBrowser, type Credentials } from '../support/browser.js';
import type { LoginStack } from '../support/login-stack.js';

export const ALICE: Credentials = { username: 'alice', password: 'alice-password' };
export const BOB: Credentials = { username: 'bob', password: 'bob-password' };

export interface RawResponse {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

/**
 * Sends a request with the path exactly as given: fetch and URL would normalise
 * `..`, `.` and backslashes away before the BFF ever saw them.
 */
export function rawRequest(baseUrl: string, method: string, path: string, headers: Record<string, string> = {}, body?: string | Buffer): Promise<RawResponse> {
  const { hostname, port } = new URL(baseUrl);
  return new Promise((resolve, reject) => {
    const req = httpRequest({ host: hostname, port, method, path, headers, insecureHTTPParser: false }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks).toString('utf8') }));
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end(body);
  });
}

/** A logged-in browser session for `provider`, with the cookie header and its upstream subject. */
export interface Session {
  browser: ManualBrowser;
  cookie: string;
  subject: string;
}

export async function login(stack: LoginStack, provider: string, user: Credentials = ALICE): Promise<Session> {
  const browser = new ManualBrowser();
  const done = await browserLogin(browser, stack.bff.url, provider, user);
  if (done.status !== 302) throw new Error(`login via ${provider} failed: ${done.status} ${await done.text()}`);
  const cookie = `__Host-bff_session=${browser.cookie('__Host-bff_session')}`;
  const me = (await (await fetch(`${stack.bff.url}/v1/auth/me`, { headers: { cookie } })).json()) as { linkedAccounts: { provider: string; subject: string }[] };
  const subject = me.linkedAccounts.find((a) => a.provider === provider)!.subject;
  return { browser, cookie, subject };
}

/** A relayed call with the session cookie; writes carry X-CSRF and the app Origin like the frontend would. */
export function relay(stack: LoginStack, session: Session, method: string, path: string, headers: Record<string, string> = {}, body?: string | Buffer): Promise<RawResponse> {
  const csrf: Record<string, string> = method === 'GET' || method === 'HEAD' ? {} : { 'x-csrf': '1', origin: stack.bff.config.http.publicUrl };
  return rawRequest(stack.bff.url, method, `/v1/api/${path}`, { cookie: session.cookie, ...csrf, ...headers }, body);
}

export function json<T = Record<string, unknown>>(res: RawResponse): T {
  return JSON.parse(res.body) as T;
}
