import { describe, expect, it } from '@jest/globals';
import { safeReturnTo } from '../../../src/auth/login/return-to.js';

// SECURITY.md, Login 1: `returnTo` pointing off-site in any spelling falls back to `/`.
const APP = 'https://app.example.com';
const ORIGINS = ['http://127.0.0.1:3000', APP];

describe('safeReturnTo', () => {
  it.each([
    // other hosts, plainly and protocol-relative
    'https://evil.example',
    'https://evil.example/app',
    'http://evil.example',
    '//evil.example',
    '//evil.example/app',
    '///evil.example',
    '////evil.example',
    'https:evil.example',
    'https:/evil.example',
    // backslashes: browsers read "\" as "/" in special URLs
    '/\\evil.example',
    '\\\\evil.example',
    '\\/evil.example',
    '/\\/evil.example',
    '/%5cevil.example',
    '/%5Cevil.example',
    // tabs, newlines and other control characters, raw and percent-encoded
    '/\t/evil.example',
    '/\n/evil.example',
    '/\r\n/evil.example',
    '/%09/evil.example',
    '/%0a/evil.example',
    '/%0A',
    '/%0d%0a/evil.example',
    '/%00',
    '/%7f',
    '/%1f/evil.example',
    '/app\u0000',
    '\t//evil.example',
    ' //evil.example',
    // dot segments that normalise into "//host"
    '/.//evil.example',
    '/..//evil.example',
    '/a/..//evil.example',
    '/%2e//evil.example',
    '/%2E%2E//evil.example',
    '/x/%2e%2e/%2e%2e//evil.example',
    // user@host tricks
    'https://user@evil.example',
    'http://good@evil.example',
    `${APP}@evil.example`,
    'https://app.example.com:443@evil.example',
    'https://evil.example@app.example.com',
    'https://user:pass@app.example.com/app',
    // schemes that run or embed content
    'javascript:alert(1)',
    'JaVaScRiPt:alert(1)',
    'javascript://app.example.com/%0aalert(1)',
    ' javascript:alert(1)',
    'data:text/html,<script>alert(1)</script>',
    'vbscript:msgbox(1)',
    'file:///etc/passwd',
    'ftp://app.example.com/',
    // relative paths without a leading slash are not ours to resolve
    'evil.example',
    'app',
    '',
    // another port or scheme of a configured app origin
    'https://app.example.com:8443/app',
    'http://app.example.com/app',
    'https://app.example.com.evil.example/app',
    'https://evil.example/https://app.example.com',
    'http://127.0.0.1:3001/app',
  ])('%j -> /', (raw) => {
    expect(safeReturnTo(raw, ORIGINS)).toBe('/');
  });

  it('a very long value -> /', () => {
    expect(safeReturnTo(`/${'a'.repeat(5_000)}`, ORIGINS)).toBe('/');
  });

  it.each([[undefined], [null], [42], [['/app', '//evil.example']], [{ path: '/app' }], [true]])('non-string %p -> /', (raw) => {
    expect(safeReturnTo(raw, ORIGINS)).toBe('/');
  });

  it('nothing configured: absolute URLs never survive', () => {
    expect(safeReturnTo(`${APP}/app`, [])).toBe('/');
  });

  it.each([
    ['/', '/'],
    ['/app', '/app'],
    ['/app?tab=1', '/app?tab=1'],
    ['/app?tab=1&x=%2F%2Fevil.example#section', '/app?tab=1&x=%2F%2Fevil.example#section'],
    ['/app#/settings', '/app#/settings'],
    ['/app/../settings', '/settings'],
    ['/./app', '/app'],
    ['/%2F/evil.example', '/%2F/evil.example'],
    ['/ /evil.example', '/%20/evil.example'],
    ['/caf\u00e9', '/caf%C3%A9'],
  ])('same-origin path %j survives as %j', (raw, expected) => {
    const result = safeReturnTo(raw, ORIGINS);
    expect(result).toBe(expected);
    // Whatever survives is a path on this origin: one leading slash, no authority.
    expect(result.startsWith('/')).toBe(true);
    expect(result.startsWith('//')).toBe(false);
  });

  it.each([
    [`${APP}/app?tab=1#x`, `${APP}/app?tab=1#x`],
    [APP, `${APP}/`],
    ['HTTPS://APP.EXAMPLE.COM/app', `${APP}/app`],
    ['https://app.example.com:443/app', `${APP}/app`],
    ['http://127.0.0.1:3000/app', 'http://127.0.0.1:3000/app'],
  ])('absolute URL on a configured app origin %j survives as %j', (raw, expected) => {
    expect(safeReturnTo(raw, ORIGINS)).toBe(expected);
  });
});
