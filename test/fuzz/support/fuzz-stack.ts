import { ProviderRegistry } from '../../../src/providers/provider-registry.js';
import { APP_REDIRECT, nativeLoginUrl, pkcePair, redeem, systemBrowserLogin } from '../../auth/native-app.js';
import { browserLogin, ManualBrowser, type Credentials } from '../../support/browser.js';
import { startLoginStack, type LoginStack } from '../../support/login-stack.js';

export const ALICE: Credentials = { username: 'alice', password: 'alice-password' };
const BOB: Credentials = { username: 'bob', password: 'bob-password' };
const OPS: Credentials = { username: 'ops', password: 'ops-password' };

/** Request headers that make a caller; `secret` is the credential value no answer may contain. */
export interface Identity {
  name: string;
  headers: [string, string][];
  secret: string;
}

/**
 * The whole stack (sandbox, oidc-provider, the BFF on real Postgres and Redis) with every
 * route family switched on: legacy grants, Genesys client management, the native
 * redirect URI, and a relay allowlist that reaches the sandbox's echo (so relayed
 * bodies really travel upstream).
 */
export async function startFuzzStack(): Promise<LoginStack> {
  const stack = await startLoginStack(
    {
      LOG_LEVEL: 'silent',
      NATIVE_REDIRECT_URIS: APP_REDIRECT,
      OPS_SUBJECTS: 'bluejeans:1003,genesys:00000000-0000-4000-8000-0000000003eb',
      // The fuzz run sends the example credentials hundreds of times, many with a broken field.
      PASSWORD_GRANT_MAX_ATTEMPTS_PER_IP: '10000',
      PASSWORD_GRANT_MAX_ATTEMPTS_PER_USER: '1000',
    },
    {
      grants: { bluejeans: { password: true, meeting: true, clientCredentials: true } },
      entries: { genesys: { grants: { clientCredentials: true }, management: { opsAppToken: true } } },
      relay: ({ sandboxUrl }) => ({ calcom: { baseUrl: sandboxUrl, allow: [{ methods: ['GET', 'POST', 'PUT', 'PATCH', 'DELETE'], path: '/_control/echo' }] } }),
    },
  );
  stack.sandbox.findClient('genesys', stack.bff.app.get(ProviderRegistry).configOf('genesys').clientId)!.grants.push('CLIENT-CREDENTIALS');
  return stack;
}

/** A browser session (cookie, and CSRF headers a frontend sends) with a link at each of `providers`. */
export async function webIdentity(stack: LoginStack, name: string, user: Credentials, providers: string[]): Promise<Identity> {
  const browser = new ManualBrowser();
  for (const provider of providers) {
    const done = await browserLogin(browser, stack.bff.url, provider, user);
    if (done.status !== 302) throw new Error(`${name}: login at ${provider} answered ${done.status}`);
  }
  const value = browser.cookie('__Host-bff_session')!;
  return { name, secret: value, headers: [['Cookie', `__Host-bff_session=${value}`], ['X-CSRF', '1'], ['Origin', stack.bff.config.http.publicUrl]] };
}

/** A native app's bearer session (system-browser login, hand-off code, token exchange). */
export async function nativeIdentity(stack: LoginStack): Promise<Identity> {
  const { verifier, challenge } = pkcePair();
  const appUrl = await systemBrowserLogin(new ManualBrowser(), nativeLoginUrl(stack.bff.url, 'bluejeans', { redirectUri: APP_REDIRECT, codeChallenge: challenge, state: 's' }), APP_REDIRECT, ALICE);
  const res = await redeem(stack.bff.url, appUrl.searchParams.get('code')!, verifier);
  const { token } = (await res.json()) as { token: string };
  return { name: 'native', secret: token, headers: [['Authorization', `Bearer ${token}`]] };
}

/** A throwaway cookie session (bob, password grant) for routes that end sessions or unlink providers. */
export async function disposableIdentity(stack: LoginStack): Promise<Identity> {
  const res = await fetch(`${stack.bff.url}/v1/auth/bluejeans/password`, { method: 'POST', headers: { 'content-type': 'application/json', 'x-csrf': '1', origin: stack.bff.config.http.publicUrl }, body: JSON.stringify(BOB) });
  const value = /__Host-bff_session=([^;]+)/.exec(res.headers.get('set-cookie') ?? '')?.[1];
  if (res.status !== 200 || !value) throw new Error(`disposable session: password grant answered ${res.status}`);
  return { name: 'disposable', secret: value, headers: [['Cookie', `__Host-bff_session=${value}`], ['X-CSRF', '1'], ['Origin', stack.bff.config.http.publicUrl]] };
}

export async function opsIdentity(stack: LoginStack): Promise<Identity> {
  return webIdentity(stack, 'ops', OPS, ['bluejeans', 'genesys']);
}
