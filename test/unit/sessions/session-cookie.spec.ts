import { describe, expect, it } from '@jest/globals';
import type { Response } from 'express';
import { loadConfig } from '../../../src/config/load-config.js';
import { SessionCookie, parseCookieValue } from '../../../src/sessions/session-cookie.js';
import { readSessionCredential } from '../../../src/sessions/session-request.js';

function cookieFor(secure: boolean) {
  return new SessionCookie(loadConfig({ NODE_ENV: 'test', SANDBOX_ENABLED: 'false', COOKIE_SECURE: String(secure), SESSION_ABSOLUTE_SECONDS: '7200' }));
}

function fakeResponse() {
  const headers: string[] = [];
  return { headers, res: { append: (name: string, value: string) => headers.push(`${name}: ${value}`) } as unknown as Response };
}

function attributes(setCookie: string): string[] {
  return setCookie.replace(/^Set-Cookie: /, '').split('; ');
}

describe('session cookie', () => {
  it('secure mode: __Host- name, HttpOnly, Secure, SameSite=Lax, Path=/, no Domain, Max-Age = absolute lifetime', () => {
    const { headers, res } = fakeResponse();
    cookieFor(true).setSessionCookie(res, 'tok');
    expect(headers).toHaveLength(1);
    const attrs = attributes(headers[0]);
    expect(attrs[0]).toBe('__Host-bff_session=tok');
    expect(attrs).toEqual(expect.arrayContaining(['HttpOnly', 'Secure', 'SameSite=Lax', 'Path=/', 'Max-Age=7200']));
    expect(attrs.some((a) => /^domain=/i.test(a))).toBe(false);
  });

  it('an explicit Max-Age wins', () => {
    const { headers, res } = fakeResponse();
    cookieFor(true).setSessionCookie(res, 'tok', 90);
    expect(attributes(headers[0])).toContain('Max-Age=90');
  });

  it('dev mode (COOKIE_SECURE=false): plain name and no Secure, since browsers reject __Host- without it', () => {
    const { headers, res } = fakeResponse();
    const cookie = cookieFor(false);
    cookie.setSessionCookie(res, 'tok');
    expect(cookie.name).toBe('bff_session');
    const attrs = attributes(headers[0]);
    expect(attrs[0]).toBe('bff_session=tok');
    expect(attrs).not.toContain('Secure');
    expect(attrs).toEqual(expect.arrayContaining(['HttpOnly', 'SameSite=Lax', 'Path=/']));
  });

  it('clearing sets an empty value that expires now, with the same name and flags', () => {
    const { headers, res } = fakeResponse();
    cookieFor(true).clearSessionCookie(res);
    const attrs = attributes(headers[0]);
    expect(attrs[0]).toBe('__Host-bff_session=');
    expect(attrs).toEqual(expect.arrayContaining(['Max-Age=0', 'Secure', 'HttpOnly', 'Path=/']));
  });

  it('reads the cookie from a Cookie header among others, first one wins, quotes stripped', () => {
    const cookie = cookieFor(true);
    expect(cookie.readSessionCookie({ headers: { cookie: 'a=1; __Host-bff_session=abc; b=2' } })).toBe('abc');
    expect(cookie.readSessionCookie({ headers: { cookie: '__Host-bff_session="q"; __Host-bff_session=z' } })).toBe('q');
    expect(cookie.readSessionCookie({ headers: { cookie: 'bff_session=dev' } })).toBeUndefined();
    expect(cookie.readSessionCookie({ headers: {} })).toBeUndefined();
    expect(parseCookieValue('x__Host-bff_session=no; =; junk', '__Host-bff_session')).toBeUndefined();
  });

  it('a Bearer header takes precedence over the cookie; other schemes are ignored', () => {
    const cookie = cookieFor(true);
    const both = { headers: { authorization: 'Bearer bbb', cookie: '__Host-bff_session=ccc' } };
    expect(readSessionCredential(both, cookie)).toEqual({ token: 'bbb', via: 'bearer' });
    expect(readSessionCredential({ headers: { authorization: 'bearer   ' } }, cookie)).toEqual({ token: '', via: 'bearer' });
    const basic = { headers: { authorization: 'Basic dTpw', cookie: '__Host-bff_session=ccc' } };
    expect(readSessionCredential(basic, cookie)).toEqual({ token: 'ccc', via: 'cookie' });
    expect(readSessionCredential({ headers: {} }, cookie)).toBeUndefined();
  });
});
