import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import createClient from 'openapi-fetch';
import type { paths } from '../../packages/client/src/schema.js';
import { ManualBrowser } from '../support/browser.js';
import { startLoginStack, type LoginStack } from '../support/login-stack.js';
import { APP_REDIRECT, nativeLoginUrl, pkcePair, systemBrowserLogin } from './native-app.js';

/**
 * What a mobile team would do: generate a typed client from the committed
 * openapi.json (packages/client, `npm run client:generate`) and drive the native flow with it. If the
 * spec lost a field or a path, this stops compiling or fails here.
 */
describe('a client generated from openapi.json drives the native-app flow', () => {
  let stack: LoginStack;
  beforeAll(async () => {
    stack = await startLoginStack({ LOG_LEVEL: 'error', NATIVE_REDIRECT_URIS: APP_REDIRECT });
  }, 60_000);
  afterAll(async () => stack.close());

  it('redeems the hand-off code and reads /v1/auth/me with the bearer token', async () => {
    const { verifier, challenge } = pkcePair();
    const appUrl = await systemBrowserLogin(new ManualBrowser(), nativeLoginUrl(stack.bff.url, 'calcom', { redirectUri: APP_REDIRECT, codeChallenge: challenge }), APP_REDIRECT, {
      username: 'bob',
      password: 'bob-password',
    });
    const client = createClient<paths>({ baseUrl: stack.bff.url });

    const issued = await client.POST('/v1/auth/native/token', { body: { code: appUrl.searchParams.get('code')!, codeVerifier: verifier } });
    expect(issued.response.status).toBe(200);
    expect(issued.data?.tokenType).toBe('Bearer');
    const token = issued.data!.token;

    const me = await client.GET('/v1/auth/me', { headers: { authorization: `Bearer ${token}` } });
    expect(me.response.status).toBe(200);
    expect(me.data?.session.kind).toBe('native');
    expect(me.data?.linkedAccounts.map((a) => a.provider)).toEqual(['calcom']);

    const replay = await client.POST('/v1/auth/native/token', { body: { code: appUrl.searchParams.get('code')!, codeVerifier: verifier } });
    expect(replay.response.status).toBe(400);
    expect(replay.data).toBeUndefined();
  });
});
