import { Inject, Injectable } from '@nestjs/common';
import type { Request, Response } from 'express';
import { APP_CONFIG, type AppConfig } from '../config/app-config.js';

/** `__Host-` makes the browser insist on Secure, Path=/ and no Domain, so no subdomain can plant or shadow it. */
export const SECURE_SESSION_COOKIE = '__Host-bff_session';
/** Plain-http development only (COOKIE_SECURE=false): browsers refuse `__Host-` cookies without Secure. */
export const INSECURE_SESSION_COOKIE = 'bff_session';

export function sessionCookieName(secure: boolean): string {
  return secure ? SECURE_SESSION_COOKIE : INSECURE_SESSION_COOKIE;
}

/**
 * The Set-Cookie value. SameSite=Lax (not Strict) because the login callback is a
 * cross-site top-level navigation that must arrive with, and set, the cookie.
 */
export function serializeSessionCookie(name: string, value: string, opts: { secure: boolean; maxAgeSeconds: number }): string {
  const parts = [`${name}=${value}`, `Max-Age=${Math.max(0, Math.floor(opts.maxAgeSeconds))}`, 'Path=/', 'HttpOnly', 'SameSite=Lax'];
  if (opts.maxAgeSeconds <= 0) parts.push('Expires=Thu, 01 Jan 1970 00:00:00 GMT');
  if (opts.secure) parts.push('Secure');
  return parts.join('; ');
}

/** The first value of cookie `name` in a Cookie header; no decoding, since a valid token needs none. */
export function parseCookieValue(header: string | undefined, name: string): string | undefined {
  if (!header) return undefined;
  for (const part of header.split(';')) {
    const eq = part.indexOf('=');
    if (eq < 0 || part.slice(0, eq).trim() !== name) continue;
    const value = part.slice(eq + 1).trim();
    return value.length >= 2 && value.startsWith('"') && value.endsWith('"') ? value.slice(1, -1) : value;
  }
  return undefined;
}

/** The session cookie, named and flagged from config (`config.sessions.cookieSecure`). */
@Injectable()
export class SessionCookie {
  readonly name: string;
  private readonly secure: boolean;
  private readonly defaultMaxAgeSeconds: number;

  constructor(@Inject(APP_CONFIG) config: AppConfig) {
    this.secure = config.sessions.cookieSecure;
    this.name = sessionCookieName(this.secure);
    this.defaultMaxAgeSeconds = config.sessions.absoluteSeconds;
  }

  /** Max-Age defaults to the web session's absolute lifetime; the server enforces idle expiry itself. */
  setSessionCookie(res: Response, token: string, maxAgeSeconds = this.defaultMaxAgeSeconds): void {
    res.append('Set-Cookie', serializeSessionCookie(this.name, token, { secure: this.secure, maxAgeSeconds }));
  }

  clearSessionCookie(res: Response): void {
    res.append('Set-Cookie', this.clearingHeader());
  }

  /** A Set-Cookie value that deletes the cookie, for error responses that carry headers. */
  clearingHeader(): string {
    return serializeSessionCookie(this.name, '', { secure: this.secure, maxAgeSeconds: 0 });
  }

  readSessionCookie(req: Pick<Request, 'headers'>): string | undefined {
    return parseCookieValue(req.headers.cookie, this.name);
  }
}
