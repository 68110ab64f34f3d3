import type { Request, Response } from 'express';
import type { AppConfig } from '../../config/app-config.js';

/**
 * The login cookie ties a transaction to the browser that started it: another
 * browser holding the same `state` (or a stolen callback URL) gets nowhere.
 * Its value is `<state>.<binding secret>`; the server keeps only the secret's hash.
 * It also carries the state for providers that do not echo it back (Cal.com).
 */
export function loginCookieName(config: AppConfig): string {
  return config.sessions.cookieSecure ? '__Host-bff_login' : 'bff_login';
}

export function setLoginCookie(res: Response, config: AppConfig, state: string, binding: string): void {
  res.cookie(loginCookieName(config), `${state}.${binding}`, {
    httpOnly: true,
    secure: config.sessions.cookieSecure,
    // Lax: the callback is a top-level cross-site navigation from the provider.
    sameSite: 'lax',
    path: '/',
    maxAge: config.sessions.loginTransactionSeconds * 1000,
  });
}

export function clearLoginCookie(res: Response, config: AppConfig): void {
  res.clearCookie(loginCookieName(config), { httpOnly: true, secure: config.sessions.cookieSecure, sameSite: 'lax', path: '/' });
}

export function readLoginCookie(req: Request, config: AppConfig): { state: string; binding: string } | undefined {
  const name = loginCookieName(config);
  const header = req.headers.cookie ?? '';
  for (const part of header.split(';')) {
    const [key, ...rest] = part.trim().split('=');
    if (key !== name) continue;
    const [state, binding] = decodeURIComponent(rest.join('=')).split('.');
    if (state && binding && state.length < 100 && binding.length < 100) return { state, binding };
  }
  return undefined;
}
