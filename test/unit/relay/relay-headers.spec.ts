import { describe, expect, it } from '@jest/globals';
import { DomainError } from '../../../src/common/errors/domain-error.js';
import { downstreamResponseHeaders, fixedAnswerHeaders, relayedAnswerHead, upstreamRequestHeaders } from '../../../src/relay/relay-headers.js';

const browser = {
  host: 'bff.example',
  cookie: '__Host-bff_session=secret',
  authorization: 'Bearer session-token',
  dpop: 'eyJ.a-proof-the-browser-made.sig',
  'x-csrf': '1',
  'x-return-to': 'https://app.example/page',
  origin: 'https://app.example',
  referer: 'https://app.example/page?x=1',
  forwarded: 'for=1.2.3.4;host=evil.example',
  'x-forwarded-for': '1.2.3.4',
  'x-forwarded-host': 'evil.example',
  'x-forwarded-proto': 'http',
  'x-real-ip': '1.2.3.4',
  'true-client-ip': '1.2.3.4',
  'x-original-url': '/admin',
  'x-http-method-override': 'DELETE',
  connection: 'keep-alive, x-hop',
  'x-hop': 'named by Connection',
  'keep-alive': 'timeout=5',
  'proxy-authorization': 'Basic abc',
  te: 'trailers',
  trailer: 'x-t',
  'transfer-encoding': 'chunked',
  upgrade: 'websocket',
  'content-length': '12',
  'sec-fetch-site': 'same-origin',
  'x-request-id': 'spoofed',
  'x-internal-secret': 'configured to strip',
  accept: 'application/json',
  'accept-language': 'de',
  'content-type': 'application/json',
  'if-none-match': '"etag"',
  'user-agent': 'test',
  'x-custom': 'kept',
};

describe('relay request headers (SECURITY.md Relay 15-17)', () => {
  const out = upstreamRequestHeaders(browser, ['x-internal-secret'], 'req-1');

  it('passes content negotiation, conditionals and custom headers through', () => {
    expect(out).toEqual({
      accept: 'application/json',
      'accept-language': 'de',
      'content-type': 'application/json',
      'if-none-match': '"etag"',
      'user-agent': 'test',
      'x-custom': 'kept',
      'x-request-id': 'req-1',
    });
  });

  it('never sends the browser cookie, Authorization, a DPoP proof, X-CSRF, X-Return-To, Forwarded, X-Forwarded-*, Host or hop-by-hop headers', () => {
    for (const name of ['cookie', 'authorization', 'dpop', 'x-csrf', 'x-return-to', 'forwarded', 'x-forwarded-for', 'x-forwarded-host', 'host', 'connection', 'x-hop', 'transfer-encoding', 'upgrade', 'te', 'proxy-authorization', 'x-internal-secret']) {
      expect(out).not.toHaveProperty(name);
    }
  });

  it('joins repeated headers and replaces the caller X-Request-Id with ours', () => {
    expect(upstreamRequestHeaders({ accept: 'a', 'x-request-id': 'mine', 'x-multi': ['1', '2'] } as never, [], 'ours')).toEqual({ accept: 'a', 'x-multi': '1, 2', 'x-request-id': 'ours' });
  });

  it.each([
    ['CRLF in a kept header', { 'x-custom': 'a\r\nX-Injected: 1' }],
    ['LF in a stripped header', { cookie: 'a\nb' }],
    ['NUL', { accept: 'a\u0000' }],
    ['CRLF in one of repeated values', { 'x-multi': ['ok', 'bad\r\n'] }],
  ])('%s -> 400 relay_header_invalid', (_name, headers) => {
    let error: unknown;
    try {
      upstreamRequestHeaders(headers as never, [], 'r');
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(DomainError);
    expect([(error as DomainError).status, (error as DomainError).code]).toEqual([400, 'relay_header_invalid']);
  });

  it('keeps tabs inside values (legal field content)', () => {
    expect(upstreamRequestHeaders({ 'x-tab': 'a\tb' }, [], 'r')['x-tab']).toBe('a\tb');
  });
});

describe('relay response headers', () => {
  it('never returns upstream Set-Cookie, hop-by-hop, CORS or security-policy headers', () => {
    const out = downstreamResponseHeaders({
      'set-cookie': ['a=1', 'b=2'],
      'Set-Cookie2': 'c=3',
      connection: 'close, x-hop',
      'x-hop': '1',
      'keep-alive': 'timeout=5',
      'transfer-encoding': 'chunked',
      'access-control-allow-origin': '*',
      'access-control-allow-credentials': 'true',
      'content-security-policy': "default-src *",
      'strict-transport-security': 'max-age=1',
      'alt-svc': 'h3=":443"',
      'clear-site-data': '"cookies"',
      'www-authenticate': 'Basic realm=x',
      'dpop-nonce': 'nonce-for-the-bff',
      server: 'upstream/1.0',
      'x-request-id': 'upstream-id',
      'content-type': 'application/json',
      'content-length': '2',
      etag: '"1"',
      'cache-control': 'no-cache',
      'retry-after': '3',
      'x-ratelimit-remaining': '9',
    });
    expect(out).toEqual({ 'content-type': 'application/json', 'content-length': '2', etag: '"1"', 'cache-control': 'no-cache', 'retry-after': '3', 'x-ratelimit-remaining': '9' });
  });
});

describe('a relayed answer head in one list', () => {
  const fixed = fixedAnswerHeaders([['X-Frame-Options', 'SAMEORIGIN'], ['X-XSS-Protection', '0'], ['X-Download-Options', 'noopen']]);

  it('writes the fixed headers, our request id, then what the upstream may send', () => {
    const head = relayedAnswerHead(fixed, 'req-1', { 'content-type': 'application/json', 'x-request-id': 'theirs', 'set-cookie': ['a=1'], 'x-frame-options': 'ALLOWALL', vary: ['Accept', 'Origin'] });
    expect(head).toEqual(['X-Frame-Options', 'SAMEORIGIN', 'X-XSS-Protection', '0', 'X-Download-Options', 'noopen', 'X-Request-Id', 'req-1', 'content-type', 'application/json', 'vary', ['Accept', 'Origin']]);
  });

  it('lets a kept upstream header replace a fixed one of the same name, as setHeader then writeHead did', () => {
    const head = relayedAnswerHead(fixed, 'req-2', { 'X-XSS-Protection': '1; mode=block', etag: '"1"' });
    expect(head).toEqual(['X-Frame-Options', 'SAMEORIGIN', 'X-Download-Options', 'noopen', 'X-Request-Id', 'req-2', 'x-xss-protection', '1; mode=block', 'etag', '"1"']);
    // Every name once, whatever the case the upstream used.
    const names = head.filter((_, i) => i % 2 === 0).map((n) => String(n).toLowerCase());
    expect(new Set(names).size).toBe(names.length);
  });
});
