import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { connect } from 'node:net';
import { getDataSourceToken } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { UsageMeter } from '../../src/usage/metering/usage-meter.js';
import { startLoginStack, type LoginStack } from '../support/login-stack.js';
import { login, relay, type Session } from '../relay/relay-support.js';

const MAX_BODY_BYTES = 1024;
// The sandbox's echo endpoint takes POST; the default allowlist has no POST on Cal.com's base.
const relayOverrides = ({ sandboxUrl }: { sandboxUrl: string }) => ({
  calcom: { baseUrl: sandboxUrl, allow: [{ methods: ['POST'], path: '/_control/echo' }, { methods: ['GET'], path: '/calcom/v2/me' }] },
});

/** A call declaring an absurd Content-Length is refused and metered, and cannot sink the batch it is flushed with. */
describe('metering: declared request sizes', () => {
  let stack: LoginStack;
  let cal: Session;

  beforeAll(async () => {
    // No timer flushes: the test flushes when it has made its calls.
    stack = await startLoginStack({ LOG_LEVEL: 'error', RELAY_MAX_BODY_BYTES: String(MAX_BODY_BYTES), USAGE_FLUSH_INTERVAL_MS: '60000' }, { relay: relayOverrides });
    cal = await login(stack, 'calcom');
  }, 60_000);
  afterAll(async () => stack?.close());

  /** The head of a request that declares more bytes than a bigint holds, on a raw socket (an HTTP client would wait to send them); the answer's status line. */
  function declareHugeBody(): Promise<string> {
    const { port } = new URL(stack.bff.url);
    const head = [
      'POST /v1/api/calcom/_control/echo HTTP/1.1',
      `Host: 127.0.0.1:${port}`,
      `Cookie: ${cal.cookie}`,
      'X-CSRF: 1',
      `Origin: ${stack.bff.config.http.publicUrl}`,
      'Content-Type: application/json',
      'Content-Length: 18000000000000000000',
    ].join('\r\n');
    return new Promise((resolve, reject) => {
      const socket = connect(Number(port), '127.0.0.1', () => socket.write(`${head}\r\n\r\n`));
      let answer = '';
      socket.on('data', (chunk) => {
        answer += chunk.toString('latin1');
        if (answer.includes('\r\n')) {
          resolve(answer.slice(0, answer.indexOf('\r\n')));
          socket.destroy();
        }
      });
      socket.on('error', reject);
    });
  }

  it('records an oversized declaration capped at the body limit, and the rest of the batch lands', async () => {
    expect(await declareHugeBody()).toBe('HTTP/1.1 413 Payload Too Large');
    expect((await relay(stack, cal, 'GET', 'calcom/calcom/v2/me')).status).toBe(200);
    await stack.bff.app.get(UsageMeter).flush();

    const db = stack.bff.app.get<DataSource>(getDataSourceToken());
    const rows = (await db.query(`SELECT status, calls, bytes_in::bigint::text AS bytes_in FROM usage_events ORDER BY status`)) as { status: number; calls: number; bytes_in: string }[];
    expect(rows).toEqual([
      { status: 200, calls: 1, bytes_in: '0' },
      { status: 413, calls: 1, bytes_in: String(MAX_BODY_BYTES) },
    ]);
  });
});
