import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { AppTokenCache } from '../../src/auth/app-tokens/app-token.cache.js';
import { AppTokenService } from '../../src/auth/app-tokens/app-token.service.js';
import { APP_CONFIG } from '../../src/config/app-config.js';
import { ProviderRegistry } from '../../src/providers/provider-registry.js';
import { KvStore } from '../../src/redis/kv-store.port.js';
import { browserLogin, ManualBrowser } from '../support/browser.js';
import { startLoginStack, type LoginStack } from '../support/login-stack.js';

const OPS = { username: 'ops', password: 'ops-password' };
const ALICE = { username: 'alice', password: 'alice-password' };

describe('client-credentials app tokens', () => {
  let stack: LoginStack;
  beforeAll(async () => {
    stack = await startLoginStack({ LOG_LEVEL: 'error', OPS_SUBJECTS: 'bluejeans:1003' }, { grants: { bluejeans: { clientCredentials: true } } });
  }, 60_000);
  afterAll(async () => stack.close());

  function clientCredentialCalls(): number {
    const counters = stack.sandbox.counterSnapshot() as Record<string, Record<string, Record<string, number>>>;
    return Object.values(counters.bluejeans ?? {}).reduce((sum, kinds) => sum + (kinds.client_credentials ?? 0), 0);
  }

  async function signedIn(user: typeof OPS): Promise<(path: string, body?: unknown) => Promise<Response>> {
    const browser = new ManualBrowser();
    await browserLogin(browser, stack.bff.url, 'bluejeans', user);
    return (path, body = {}) =>
      browser.request(`${stack.bff.url}${path}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-csrf': '1', origin: stack.bff.config.http.publicUrl },
        body: JSON.stringify(body),
      });
  }

  it('two concurrent ops requests cause one upstream token call; the answer shows scope and expiry, never the token', async () => {
    const post = await signedIn(OPS);
    const before = clientCredentialCalls();
    const [a, b] = await Promise.all([post('/v1/auth/bluejeans/client-credentials'), post('/v1/auth/bluejeans/client-credentials')]);
    expect([a.status, b.status]).toEqual([200, 200]);
    const [bodyA, bodyB] = [(await a.json()) as Record<string, unknown>, (await b.json()) as Record<string, unknown>];
    expect(Object.keys(bodyA).sort()).toEqual(['expiresAt', 'provider', 'scopes']);
    expect(bodyA.expiresAt).toBe(bodyB.expiresAt);
    expect(clientCredentialCalls()).toBe(before + 1);
  });

  it('two service instances (separate single-flight maps) still make one call: the Redis lock', async () => {
    const app = stack.bff.app;
    const make = () => new AppTokenService(app.get(ProviderRegistry), app.get(AppTokenCache), app.get(KvStore), app.get(APP_CONFIG));
    const before = clientCredentialCalls();
    // A scope set nobody asked for yet: a fresh cache entry.
    const [a, b] = await Promise.all([make().get('bluejeans', ['meeting_history', 'list_meetings']), make().get('bluejeans', ['list_meetings', 'meeting_history'])]);
    expect(a.accessToken).toBe(b.accessToken);
    expect(clientCredentialCalls()).toBe(before + 1);
    // Cached encrypted: the raw Redis value does not contain the token.
    const raw = await app.get(KvStore).get(app.get(AppTokenCache).key('bluejeans', ['list_meetings', 'meeting_history']));
    expect(raw).toBeTruthy();
    expect(raw).not.toContain(a.accessToken);
  });

  it('is ops only', async () => {
    const post = await signedIn(ALICE);
    const res = await post('/v1/auth/bluejeans/client-credentials');
    expect(res.status).toBe(403);
  });

  it('answers 404 where the grant is not enabled', async () => {
    const post = await signedIn(OPS);
    const res = await post('/v1/auth/phonecom/client-credentials');
    expect(res.status).toBe(404);
    expect(((await res.json()) as { code: string }).code).toBe('grant_not_enabled');
  });
});
