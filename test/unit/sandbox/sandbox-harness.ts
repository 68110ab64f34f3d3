import { createSandboxServer } from '../../../src/sandbox/core/server.js';
import type { SandboxState } from '../../../src/sandbox/core/context.js';
import { sandboxProviders } from '../../../src/sandbox/providers/index.js';

/**
 * Starts the real sandbox HTTP server on an ephemeral loopback port, control
 * API on, and offers the few HTTP moves a browser makes: load a page, submit
 * its form, read (not follow) the redirect.
 */
export interface Harness {
  url: string;
  ctx: SandboxState;
  close(): Promise<void>;
  /** Shifts the emulator clock forward, for expiry tests without sleeping. */
  advance(ms: number): void;
}

export async function startHarness(opts: { control?: boolean } = {}): Promise<Harness> {
  const server = createSandboxServer({ control: opts.control ?? true, providers: sandboxProviders });
  const running = await server.listen(0, '127.0.0.1');
  let offset = 0;
  server.context.now = () => Date.now() + offset;
  return {
    url: running.url,
    ctx: server.context,
    close: running.close,
    advance: (ms) => {
      offset += ms;
    },
  };
}

export async function getJson(url: string, init: RequestInit = {}): Promise<{ status: number; body: any; headers: Headers }> {
  const res = await fetch(url, { redirect: 'manual', ...init });
  const text = await res.text();
  return { status: res.status, body: text ? JSON.parse(text) : undefined, headers: res.headers };
}

export function sendJson(method: string, url: string, body: unknown, headers: Record<string, string> = {}) {
  return getJson(url, { method, headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(body) });
}

const ENTITIES: Record<string, string> = { '&amp;': '&', '&lt;': '<', '&gt;': '>', '&quot;': '"', '&#39;': "'", '&#96;': '`' };
const unescape = (s: string) => s.replace(/&(amp|lt|gt|quot|#39|#96);/g, (e) => ENTITIES[e]);

/** The form on an HTML page as a browser sees it: resolved action URL and hidden fields. */
export function readForm(html: string, pageUrl: string): { action: string; hidden: Record<string, string> } {
  const form = /<form method="post" action="([^"]*)">/.exec(html);
  if (!form) throw new Error('no form on page');
  const hidden: Record<string, string> = {};
  for (const m of html.matchAll(/<input type="hidden" name="([^"]*)" value="([^"]*)">/g)) hidden[unescape(m[1])] = unescape(m[2]);
  return { action: new URL(unescape(form[1]), pageUrl).toString(), hidden };
}

/** GETs an authorization page and returns its form, failing loudly on a non-200. */
export async function openLoginPage(pageUrl: string): Promise<{ action: string; hidden: Record<string, string>; html: string }> {
  const res = await fetch(pageUrl, { redirect: 'manual' });
  const html = await res.text();
  if (res.status !== 200) throw new Error(`authorization page answered ${res.status}: ${html}`);
  expect(res.headers.get('content-type')).toMatch(/^text\/html/);
  return { ...readForm(html, pageUrl), html };
}

/** Submits a form as a browser does: urlencoded POST, redirects not followed. */
export function submitForm(action: string, fields: Record<string, string>, headers: Record<string, string> = {}): Promise<Response> {
  return fetch(action, {
    method: 'POST',
    redirect: 'manual',
    headers: { 'content-type': 'application/x-www-form-urlencoded', ...headers },
    body: new URLSearchParams(fields).toString(),
  });
}

/** Loads the page, signs in, and returns the parsed redirect Location. */
export async function signIn(pageUrl: string, credentials: Record<string, string>): Promise<URL> {
  const { action, hidden } = await openLoginPage(pageUrl);
  const res = await submitForm(action, { ...hidden, ...credentials });
  expect(res.status).toBe(302);
  return new URL(res.headers.get('location')!);
}

export const ALICE = { username: 'alice', password: 'alice-password' };
export const BOB = { username: 'bob', password: 'bob-password' };
