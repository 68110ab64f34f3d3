import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { startBffProcess, type BffProcess } from '../support/bff-process.js';
import { browserLogin, ManualBrowser } from '../support/browser.js';
import { startLoginStack, type LoginStack } from '../support/login-stack.js';

interface AccessLine {
  msg: string;
  requestId: string;
  req: { id: string; method: string; url: string };
  res: { statusCode: number };
  responseTime: number;
}

/**
 * The relay's access line, read from a real process's stdout: pino-http's shape, the
 * path without its query (queries can carry credentials), one line per call.
 */
describe('relay access log line', () => {
  let stack: LoginStack;
  let instance: BffProcess;

  beforeAll(async () => {
    stack = await startLoginStack();
    instance = await startBffProcess({ ...stack.instanceEnv, LOG_LEVEL: 'info' });
  }, 90_000);
  afterAll(async () => {
    await instance?.stop();
    await stack?.close();
  });

  const linesFor = (requestId: string) =>
    instance
      .output()
      .split('\n')
      .filter((line) => line.includes(requestId))
      .map((line) => JSON.parse(line) as AccessLine);

  it('logs one line in the pino-http shape, with the path cut before its query', async () => {
    const browser = new ManualBrowser();
    expect((await browserLogin(browser, stack.bff.url, 'calcom', { username: 'bob', password: 'bob-password' })).status).toBe(302);
    const cookie = `__Host-bff_session=${browser.cookie('__Host-bff_session')}`;
    const res = await fetch(`${instance.url}/v1/api/calcom/v2/me?access_token=query-secret-1`, { headers: { cookie, 'x-request-id': 'access-line-1' } });
    expect(res.status).toBe(200);

    let lines = linesFor('access-line-1');
    // Written asynchronously; the poll ends at the first line, so a generous bound costs nothing.
    const deadline = Date.now() + 15_000;
    while (lines.length === 0 && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 50));
      lines = linesFor('access-line-1');
    }
    expect(lines).toEqual([
      expect.objectContaining({ msg: 'request completed', requestId: 'access-line-1', req: { id: 'access-line-1', method: 'GET', url: '/v1/api/calcom/v2/me' }, res: { statusCode: 200 }, responseTime: expect.any(Number) }),
    ]);
    expect(instance.output()).not.toContain('query-secret-1');
  });
});
