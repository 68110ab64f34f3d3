import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { startLoginStack, type LoginStack } from '../support/login-stack.js';
import { json, login, rawRequest, relay, type Session } from './relay-support.js';

interface Echo {
  method: string;
  url: string;
  headers: Record<string, string>;
  body: unknown;
}

// The sandbox's `/_control/echo` shows what the upstream received; calcom (Bearer) and bluejeans (query token) reach it.
const relayOverrides = ({ sandboxUrl }: { sandboxUrl: string }) => ({
  calcom: {
    baseUrl: sandboxUrl,
    allow: [{ methods: ['GET', 'POST', 'PUT'], path: '/_control/echo' }, { methods: ['GET'], path: '/calcom/v2/me' }],
    stripHeaders: ['x-tenant-secret'],
  },
  bluejeans: { baseUrl: `${sandboxUrl}/_control`, allow: [{ methods: ['GET'], path: '/echo' }] },
});

describe('relay security (SECURITY.md Relay 15-17, Input limits 18)', () => {
  let stack: LoginStack;
  let cal: Session;
  beforeAll(async () => {
    stack = await startLoginStack({ LOG_LEVEL: 'error', RELAY_MAX_BODY_BYTES: '1024', RELAY_REPLAY_BUFFER_BYTES: '256' }, { relay: relayOverrides });
    cal = await login(stack, 'calcom');
  }, 60_000);
  afterAll(async () => stack.close());

  it('never sends the browser cookie, Authorization, Forwarded, X-Forwarded-* or Host upstream; passes the rest', async () => {
    const res = await relay(stack, cal, 'GET', 'calcom/_control/echo?x=1&y=%20', {
      authorization: 'Basic YnJvd3NlcjpzZWNyZXQ=',
      host: 'evil.example',
      forwarded: 'for=6.6.6.6;host=evil.example',
      'x-forwarded-for': '6.6.6.6',
      'x-forwarded-host': 'evil.example',
      'x-real-ip': '6.6.6.6',
      'x-http-method-override': 'DELETE',
      origin: 'https://evil.example',
      'x-tenant-secret': 'configured strip',
      'accept-language': 'de-CH',
      'x-custom': 'kept',
    });
    expect(res.status).toBe(200);
    const echo = json<Echo>(res);
    expect(echo.url).toBe('/_control/echo?x=1&y=%20');
    expect(echo.headers.host).toBe(new URL(stack.sandboxUrl).host);
    expect(echo.headers.authorization).toMatch(/^Bearer (?!YnJvd3Nlcjpzb)\S+$/);
    for (const name of ['cookie', 'forwarded', 'x-forwarded-for', 'x-forwarded-host', 'x-real-ip', 'x-http-method-override', 'origin', 'x-tenant-secret', 'x-csrf']) {
      expect([name, echo.headers[name]]).toEqual([name, undefined]);
    }
    expect(echo.headers['accept-language']).toBe('de-CH');
    expect(echo.headers['x-custom']).toBe('kept');
    expect(echo.headers['x-request-id']).toBe(res.headers['x-request-id']);
  });

  it('never returns the upstream Set-Cookie to the browser', async () => {
    const direct = await fetch(`${stack.sandboxUrl}/_control/echo`);
    expect(direct.headers.getSetCookie()).toEqual([expect.stringContaining('sandbox_echo=')]);
    const res = await relay(stack, cal, 'GET', 'calcom/_control/echo');
    expect(res.status).toBe(200);
    expect(res.headers['set-cookie']).toBeUndefined();
  });

  it('BlueJeans gets the token as ?access_token= (a caller-supplied one is replaced) and no Authorization header', async () => {
    const bj = await login(stack, 'bluejeans');
    const echo = json<Echo>(await relay(stack, bj, 'GET', 'bluejeans/echo?access_token=forged&x=1'));
    const query = new URL(echo.url, 'http://x').searchParams;
    expect(query.getAll('access_token')).toEqual([expect.not.stringMatching(/^forged$/)]);
    expect(query.get('x')).toBe('1');
    expect(echo.headers.authorization).toBeUndefined();
  });

  it('relays a small JSON body (buffered) and a larger one (streamed); POST needs the CSRF header', async () => {
    const small = await relay(stack, cal, 'POST', 'calcom/_control/echo', { 'content-type': 'application/json' }, JSON.stringify({ a: 1 }));
    expect([small.status, json<Echo>(small).body]).toEqual([200, { a: 1 }]);
    const big = JSON.stringify({ pad: 'x'.repeat(700) });
    const streamed = await relay(stack, cal, 'PUT', 'calcom/_control/echo', { 'content-type': 'application/json' }, big);
    expect([streamed.status, json<Echo>(streamed).body]).toEqual([200, { pad: 'x'.repeat(700) }]);
    const noCsrf = await rawRequest(stack.bff.url, 'POST', '/v1/api/calcom/_control/echo', { cookie: cal.cookie, 'content-type': 'application/json' }, '{}');
    expect(noCsrf.status).toBe(403);
  });

  it.each([
    ['..', '/v1/api/calcom/_control/../calcom/v2/me'],
    ['encoded ..', '/v1/api/calcom/_control/%2e%2e/calcom/v2/me'],
    ['double-encoded ..', '/v1/api/calcom/_control/%252e%252e/calcom/v2/me'],
    ['backslash', '/v1/api/calcom/_control\\..\\echo'],
    ['encoded slash', '/v1/api/calcom/_control%2fecho'],
    ['empty segment', '/v1/api/calcom//_control/echo'],
    ['absolute URL', '/v1/api/calcom/http://evil.example/_control/echo'],
  ])('%s -> 400 relay_path_invalid', async (_name, path) => {
    const res = await rawRequest(stack.bff.url, 'GET', path, { cookie: cal.cookie });
    expect([res.status, json(res).code]).toEqual([400, 'relay_path_invalid']);
  });

  it.each([
    ['CRLF in the path', '/v1/api/calcom/_control/echo%0d%0aX-Injected:%201'],
    ['CRLF in the query', '/v1/api/calcom/_control/echo?a=%0d%0aSet-Cookie:x'],
  ])('%s -> 400 relay_header_invalid', async (_name, path) => {
    const res = await rawRequest(stack.bff.url, 'GET', path, { cookie: cal.cookie });
    expect([res.status, json(res).code]).toEqual([400, 'relay_header_invalid']);
  });

  it('not allowlisted -> 404; wrong method -> 405 with Allow', async () => {
    const missing = await relay(stack, cal, 'GET', 'calcom/_control/counters');
    expect([missing.status, json(missing).code]).toEqual([404, 'relay_route_not_allowed']);
    const wrong = await relay(stack, cal, 'DELETE', 'calcom/_control/echo');
    expect([wrong.status, json(wrong).code, wrong.headers.allow]).toEqual([405, 'method_not_allowed', 'GET, HEAD, POST, PUT']);
  });

  it('oversized bodies -> 413, declared or chunked, and the process keeps serving', async () => {
    const declared = await relay(stack, cal, 'POST', 'calcom/_control/echo', { 'content-type': 'application/json' }, 'x'.repeat(2048));
    expect([declared.status, json(declared).code]).toEqual([413, 'payload_too_large']);
    const chunked = await relay(stack, cal, 'POST', 'calcom/_control/echo', { 'content-type': 'application/json', 'transfer-encoding': 'chunked' }, 'x'.repeat(4096));
    expect([chunked.status, json(chunked).code]).toEqual([413, 'payload_too_large']);
    expect((await relay(stack, cal, 'GET', 'calcom/calcom/v2/me')).status).toBe(200);
  });

  it('no session -> 401; a provider the user has not linked -> 409 with the login URL', async () => {
    const anonymous = await rawRequest(stack.bff.url, 'GET', '/v1/api/calcom/calcom/v2/me');
    expect(anonymous.status).toBe(401);
    const notLinked = await relay(stack, cal, 'GET', 'phonecom/accounts/1');
    expect(notLinked.status).toBe(409);
    expect(json(notLinked)).toMatchObject({ code: 'provider_not_linked', loginUrl: '/v1/auth/phonecom/login' });
  });
});
