import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { gzipSync } from 'node:zlib';
import { startTestApp, type TestApp } from '../support/test-app.js';
import { bombs } from '../fuzz/support/bombs.js';
import { sendRaw } from '../fuzz/support/raw-http.js';

const JSON_ROUTE = '/v1/auth/native/token';

/**
 * BODY_LIMIT is enforced on what the app would hold in memory: the inflated body of a
 * compressed request, and a declared Content-Length before a byte is read.
 */
describe('request body limits', () => {
  let test: TestApp;
  let port: number;
  beforeAll(async () => {
    test = await startTestApp();
    port = Number(new URL(test.url).port);
  });
  afterAll(async () => test.close());

  function problemCode(res: { body: Buffer }): string {
    return (JSON.parse(res.body.toString()) as { code: string }).code;
  }

  it('a Content-Length over the limit is refused at once (413, connection closed), without waiting for the body', async () => {
    // No body byte follows: before, body-parser waited to drain the declared gigabyte (Node's 300 s request timeout).
    const res = await sendRaw(port, { method: 'POST', target: JSON_ROUTE, headers: [['Content-Type', 'application/json'], ['Content-Length', String(1024 ** 3)]], body: Buffer.alloc(0) });
    expect({ status: res.status, code: problemCode(res), connection: res.headers.connection }).toEqual({ status: 413, code: 'payload_too_large', connection: 'close' });
  });

  it('a client that does send the oversized body still reads the 413 (no reset instead of the answer)', async () => {
    for (const size of [150 * 1024, 4 * 1024 * 1024]) {
      const res = await fetch(`${test.url}${JSON_ROUTE}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: `{"code":"${'a'.repeat(size)}"}` });
      expect({ size, status: res.status, code: ((await res.json()) as { code: string }).code }).toEqual({ size, status: 413, code: 'payload_too_large' });
    }
  });

  it('the same for a form body', async () => {
    const res = await sendRaw(port, { method: 'POST', target: '/v1/auth/bluejeans/backchannel-logout', headers: [['Content-Type', 'application/x-www-form-urlencoded'], ['Content-Length', String(200 * 1024)]], body: Buffer.alloc(0) });
    expect({ status: res.status, code: problemCode(res) }).toEqual({ status: 413, code: 'payload_too_large' });
  });

  it.each(['gzip', 'deflate', 'br'] as const)('a %s body is limited by its inflated size: a bomb of hundreds of MB is 413', async (encoding) => {
    const body = (await bombs())[encoding];
    const res = await sendRaw(port, { method: 'POST', target: JSON_ROUTE, headers: [['Content-Type', 'application/json'], ['Content-Encoding', encoding]], body });
    expect({ status: res.status, code: problemCode(res) }).toEqual({ status: 413, code: 'payload_too_large' });
  });

  it('a small compressed body is inflated and parsed (the limit did not just refuse every encoding)', async () => {
    const res = await sendRaw(port, { method: 'POST', target: JSON_ROUTE, headers: [['Content-Type', 'application/json'], ['Content-Encoding', 'gzip']], body: gzipSync('{"code":"x","codeVerifier":"y"}') });
    expect(res.status).toBe(400);
    expect(problemCode(res)).not.toBe('payload_too_large');
  });

  it('an invalid gzip body is 400, an unknown encoding 415', async () => {
    const invalid = await sendRaw(port, { method: 'POST', target: JSON_ROUTE, headers: [['Content-Type', 'application/json'], ['Content-Encoding', 'gzip']], body: Buffer.from('not gzip') });
    const unknown = await sendRaw(port, { method: 'POST', target: JSON_ROUTE, headers: [['Content-Type', 'application/json'], ['Content-Encoding', 'compress']], body: Buffer.from('{}') });
    expect([invalid.status, unknown.status, problemCode(unknown)]).toEqual([400, 415, 'unsupported_media_type']);
  });
});
