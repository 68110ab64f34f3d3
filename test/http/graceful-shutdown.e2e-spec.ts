import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { browserLogin, ManualBrowser } from '../support/browser.js';
import { startBffProcess, type BffProcess } from '../support/bff-process.js';
import { startLoginStack, type LoginStack } from '../support/login-stack.js';

/** SIGTERM: readiness turns red first, the request in flight still finishes, then the process exits cleanly. */
describe('graceful shutdown', () => {
  let stack: LoginStack;
  let bff: BffProcess;

  beforeAll(async () => {
    stack = await startLoginStack();
    bff = await startBffProcess({ ...stack.instanceEnv, SHUTDOWN_GRACE_MS: '20000' });
  }, 60_000);
  afterAll(async () => {
    await bff.stop();
    await stack.close();
  });

  it('drains: ready goes 503, the slow relayed call completes, exit code 0', async () => {
    // Sessions live in the shared Redis: a login on one instance works on the other.
    const browser = new ManualBrowser();
    await browserLogin(browser, stack.bff.url, 'phonecom', { username: 'bob', password: 'bob-password' });
    const cookie = `__Host-bff_session=${browser.cookie('__Host-bff_session')}`;
    const me = (await (await fetch(`${bff.url}/v1/auth/me`, { headers: { cookie } })).json()) as { linkedAccounts: { subject: string }[] };
    await fetch(`${stack.sandboxUrl}/_control/faults`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ provider: 'phonecom', route: 'api', latencyMs: 1500, times: 1 }),
    });

    const inFlight = fetch(`${bff.url}/v1/api/phonecom/accounts/${me.linkedAccounts[0].subject}`, { headers: { cookie } });
    await new Promise((resolve) => setTimeout(resolve, 300));
    const exited = new Promise<number | null>((resolve) => bff.child.once('exit', (code) => resolve(code)));
    bff.child.kill('SIGTERM');

    // The signal is handled when the process gets to it (later on a busy machine); the
    // listener stays open for a second after that, so a 20 ms poll sees the 503.
    const deadline = Date.now() + 15_000;
    let ready = await fetch(`${bff.url}/health/ready`);
    while (ready.status !== 503 && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 20));
      ready = await fetch(`${bff.url}/health/ready`);
    }
    expect(ready.status).toBe(503);
    expect(((await ready.json()) as { checks: { shutdown: string } }).checks.shutdown).toBe('draining');
    const answer = await inFlight;
    expect(answer.status).toBe(200);
    expect(await exited).toBe(0);
  }, 30_000);
});
