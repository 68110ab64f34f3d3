import { createHash, randomBytes } from 'node:crypto';

/**
 * A minimal browser for sandbox tests: plain fetch with redirects followed by
 * hand and cookies kept by hand, so a test drives login pages exactly as a
 * user agent would, and can stop at the client's redirect_uri.
 */
export class ManualBrowser {
  private readonly cookies = new Map<string, string>();

  async get(url: string): Promise<Response> {
    return this.send(url, { method: 'GET' });
  }

  async postForm(url: string, fields: Record<string, string>): Promise<Response> {
    return this.send(url, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams(fields).toString(),
    });
  }

  /**
   * Follows redirects starting from `response` until one points at
   * `stopPrefix` (the client's redirect_uri, which nobody serves) or a
   * non-redirect answer arrives.
   */
  async follow(response: Response, stopPrefix: string, from: string): Promise<FollowResult> {
    let current = response;
    let base = from;
    for (let hops = 0; hops < 20; hops++) {
      const location = current.headers.get('location');
      if (current.status < 300 || current.status >= 400 || !location) return { kind: 'page', response: current, url: base };
      const next = new URL(location, base).toString();
      if (next.startsWith(stopPrefix)) return { kind: 'callback', url: new URL(next) };
      current = await this.get(next);
      base = next;
    }
    throw new Error('too many redirects');
  }

  /** Any request, with the jar's cookies, as a page's script would send it. */
  async request(url: string, init: RequestInit = {}): Promise<Response> {
    return this.send(url, init);
  }

  /** Plants a cookie as if an earlier response (or an attacker) had set it. */
  setCookie(name: string, value: string): void {
    this.cookies.set(name, value);
  }

  cookie(name: string): string | undefined {
    return this.cookies.get(name);
  }

  private async send(url: string, init: RequestInit): Promise<Response> {
    const headers = new Headers(init.headers);
    if (this.cookies.size > 0) headers.set('cookie', [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; '));
    const response = await fetch(url, { ...init, headers, redirect: 'manual' });
    this.storeCookies(response);
    return response;
  }

  // One host per test, so path and domain attributes can be ignored.
  private storeCookies(response: Response): void {
    for (const header of response.headers.getSetCookie()) {
      const [pair, ...attributes] = header.split(';');
      const eq = pair.indexOf('=');
      const name = pair.slice(0, eq).trim();
      const value = pair.slice(eq + 1).trim();
      const expired = attributes.some((a) => /^\s*max-age=0\s*$/i.test(a)) || value === '';
      if (expired) this.cookies.delete(name);
      else this.cookies.set(name, value);
    }
  }
}

export type FollowResult = { kind: 'callback'; url: URL } | { kind: 'page'; response: Response; url: string };

/** The first form's action (resolved against the page URL) and its hidden inputs. */
export function parseForm(html: string, pageUrl: string): { action: string; hidden: Record<string, string> } {
  const action = /<form[^>]*action="([^"]*)"/i.exec(html)?.[1];
  if (action === undefined) throw new Error(`no form in page:\n${html.slice(0, 500)}`);
  const hidden: Record<string, string> = {};
  for (const input of html.matchAll(/<input[^>]*type="hidden"[^>]*>/gi)) {
    const name = /name="([^"]*)"/.exec(input[0])?.[1];
    const value = /value="([^"]*)"/.exec(input[0])?.[1] ?? '';
    if (name) hidden[name] = decodeEntities(value);
  }
  return { action: new URL(decodeEntities(action), pageUrl).toString(), hidden };
}

function decodeEntities(text: string): string {
  return text
    .replace(/&quot;/g, '"')
    .replace(/&#39;|&#x27;/g, "'")
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&#x2F;|&#47;/g, '/')
    .replace(/&#x3D;|&#61;/g, '=')
    .replace(/&amp;/g, '&');
}

export function pkcePair(): { verifier: string; challenge: string } {
  const verifier = randomBytes(32).toString('base64url');
  return { verifier, challenge: createHash('sha256').update(verifier).digest('base64url') };
}

export function basicAuth(clientId: string, secret: string): string {
  return `Basic ${Buffer.from(`${encodeURIComponent(clientId)}:${encodeURIComponent(secret)}`).toString('base64')}`;
}
