import { createSandboxServer, type RunningSandbox } from '../../../../src/sandbox/core/server.js';
import { createGenesysProvider } from '../../../../src/sandbox/providers/genesys/index.js';
import { TEST_REDIRECT_URI } from '../../../../src/sandbox/seed.js';
import { basicAuth, ManualBrowser, parseForm, pkcePair } from './manual-browser.js';

/** Seeded Genesys clients and users (src/sandbox/seed.ts). */
export const CODE_CLIENT = { id: '0c0ffee0-0000-4000-8000-000000000002', secret: 'genesys-test-secret' };
export const SERVICE_CLIENT = { id: '0c0ffee0-0000-4000-8000-000000000003', secret: 'genesys-service-secret' };
export const REDIRECT_URI = TEST_REDIRECT_URI;
export const USERS = {
  alice: { username: 'alice', password: 'alice-password' },
  bob: { username: 'bob', password: 'bob-password' },
  ops: { username: 'ops', password: 'ops-password' },
  noperms: { username: 'noperms', password: 'noperms-password' },
};
/** Short enough to poll in a unit test, long enough to observe Running first. */
export const USAGE_RUNNING_MS = 400;

export interface GenesysSandbox {
  url: string;
  login: string;
  api: string;
  close(): Promise<void>;
}

/** The real sandbox server with only the Genesys emulator mounted and the control API on. */
export async function startGenesysSandbox(): Promise<GenesysSandbox> {
  const server = createSandboxServer({ control: true, providers: [createGenesysProvider({ usageQueryRunningMs: USAGE_RUNNING_MS })] });
  const running: RunningSandbox = await server.listen(0, '127.0.0.1');
  return { url: running.url, login: `${running.url}/genesys/login`, api: `${running.url}/genesys/api`, close: () => running.close() };
}

export async function control(sandbox: GenesysSandbox, method: string, path: string, body?: unknown): Promise<Response> {
  return fetch(`${sandbox.url}/_control${path}`, {
    method,
    headers: body === undefined ? {} : { 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
}

export function authorizeUrl(sandbox: GenesysSandbox, params: Record<string, string>): string {
  const base = { client_id: CODE_CLIENT.id, redirect_uri: REDIRECT_URI, response_type: 'code', state: 'xyz' };
  return `${sandbox.login}/oauth/authorize?${new URLSearchParams({ ...base, ...params })}`;
}

/** Opens the login page, posts the form as a browser would, and returns the callback URL. */
export async function signIn(sandbox: GenesysSandbox, user: { username: string; password: string }, params: Record<string, string> = {}): Promise<URL> {
  const browser = new ManualBrowser();
  const url = authorizeUrl(sandbox, params);
  const page = await browser.get(url);
  if (page.status !== 200) throw new Error(`authorize page answered ${page.status}`);
  const form = parseForm(await page.text(), url);
  const posted = await browser.postForm(form.action, { ...form.hidden, ...user });
  const step = await browser.follow(posted, REDIRECT_URI, form.action);
  if (step.kind !== 'callback') throw new Error(`no redirect to the client after login (status ${step.response.status})`);
  return step.url;
}

export async function tokenRequest(sandbox: GenesysSandbox, fields: Record<string, string>, auth?: { id: string; secret: string }): Promise<Response> {
  return fetch(`${sandbox.login}/oauth/token`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded', ...(auth ? { authorization: basicAuth(auth.id, auth.secret) } : {}) },
    body: new URLSearchParams(fields).toString(),
  });
}

export interface TokenSet {
  access_token: string;
  token_type: string;
  expires_in: number;
  refresh_token: string;
}

/** A full confidential code + PKCE flow for `user`; returns the token response. */
export async function userTokens(sandbox: GenesysSandbox, user: { username: string; password: string }): Promise<TokenSet> {
  const { verifier, challenge } = pkcePair();
  const callback = await signIn(sandbox, user, { code_challenge: challenge, code_challenge_method: 'S256' });
  const fields = { grant_type: 'authorization_code', code: callback.searchParams.get('code') ?? '', redirect_uri: REDIRECT_URI, code_verifier: verifier };
  const response = await tokenRequest(sandbox, fields, CODE_CLIENT);
  if (response.status !== 200) throw new Error(`token exchange answered ${response.status}: ${await response.text()}`);
  return (await response.json()) as TokenSet;
}

export async function serviceToken(sandbox: GenesysSandbox): Promise<string> {
  const response = await tokenRequest(sandbox, { grant_type: 'client_credentials' }, SERVICE_CLIENT);
  return ((await response.json()) as TokenSet).access_token;
}

export async function api(sandbox: GenesysSandbox, token: string | undefined, method: string, path: string, init: { body?: unknown; headers?: Record<string, string> } = {}): Promise<Response> {
  return fetch(`${sandbox.api}${path}`, {
    method,
    headers: {
      ...(token ? { authorization: `Bearer ${token}` } : {}),
      ...(init.body !== undefined ? { 'content-type': 'application/json' } : {}),
      ...init.headers,
    },
    body: init.body === undefined ? undefined : JSON.stringify(init.body),
  });
}

/** Asserts the platform error body: every member present, with this status and code. */
export function expectPlatformError(body: unknown, status: number, code: string): void {
  expect(body).toEqual({
    message: expect.any(String),
    code,
    status,
    messageParams: expect.any(Object),
    contextId: expect.stringMatching(/^[0-9a-f-]{36}$/),
    details: expect.any(Array),
    errors: [],
  });
}
