import { createHash, randomBytes } from 'node:crypto';
import type { AppConfig } from '../../../../src/config/app-config.js';
import { parseProvidersDocument } from '../../../../src/providers/config/load-providers.js';
import type { ProviderConfig } from '../../../../src/providers/config/provider-config.js';
import type { ProviderAdapter } from '../../../../src/providers/provider-adapter.js';
import { UpstreamError } from '../../../../src/providers/upstream-error.js';
import { TEST_REDIRECT_URI } from '../../../../src/sandbox/seed.js';
import { ALICE, getJson, sendJson, signIn } from '../../sandbox/sandbox-harness.js';

/**
 * Provider configs for the sandbox's *test* clients (registered for
 * http://127.0.0.1/cb), built through the real providers-file parser so the
 * contract tests also exercise endpoint derivation and secret lookup.
 */
type SandboxKind = 'bluejeans' | 'genesys' | 'calcom' | 'phonecom';

const TEST_CLIENTS: Record<SandboxKind, { clientId: string; secret: string }> = {
  bluejeans: { clientId: 'bluejeans-test-client-0000000002', secret: 'bluejeans-test-secret' },
  genesys: { clientId: '0c0ffee0-0000-4000-8000-000000000002', secret: 'genesys-test-secret' },
  calcom: { clientId: 'calcom-test-client', secret: 'calcom-test-secret' },
  phonecom: { clientId: 'phonecom-test-client', secret: 'phonecom-test-secret' },
};

function endpoints(kind: SandboxKind, sandboxUrl: string): Record<string, string> {
  switch (kind) {
    case 'bluejeans':
      return { apiBaseUrl: `${sandboxUrl}/bluejeans` };
    case 'genesys':
      return { authorizeUrl: `${sandboxUrl}/genesys/login/oauth/authorize`, tokenUrl: `${sandboxUrl}/genesys/login/oauth/token`, apiBaseUrl: `${sandboxUrl}/genesys/api` };
    case 'calcom':
      return { apiBaseUrl: `${sandboxUrl}/calcom` };
    case 'phonecom':
      return { apiBaseUrl: `${sandboxUrl}/phonecom/v4` };
  }
}

export function loaderContext(secrets: Record<string, string>): Pick<AppConfig, 'http' | 'sandbox' | 'secretFromEnv'> {
  return {
    http: { publicUrl: 'http://localhost:3000' } as AppConfig['http'],
    sandbox: { publicUrl: 'http://127.0.0.1:4010' } as AppConfig['sandbox'],
    secretFromEnv: (name) => secrets[name],
  };
}

export function sandboxProvider(kind: SandboxKind, sandboxUrl: string, extra: Record<string, unknown> = {}, secret = TEST_CLIENTS[kind].secret): ProviderConfig {
  const entry = {
    id: `${kind}-test`,
    kind,
    displayName: `${kind} (test)`,
    endpoints: endpoints(kind, sandboxUrl),
    clientId: TEST_CLIENTS[kind].clientId,
    clientSecretEnv: 'TEST_CLIENT_SECRET',
    redirectUri: TEST_REDIRECT_URI,
    ...extra,
  };
  return parseProvidersDocument({ providers: [entry] }, loaderContext({ TEST_CLIENT_SECRET: secret }))[0];
}

export function pkcePair(): { verifier: string; challenge: string } {
  const verifier = randomBytes(32).toString('base64url');
  return { verifier, challenge: createHash('sha256').update(verifier).digest('base64url') };
}

/** Builds the adapter's authorization URL, signs in as alice, returns the code and the callback URL. */
export async function loginForCode(adapter: ProviderAdapter, state = randomBytes(8).toString('hex')) {
  const pkce = pkcePair();
  const url = await adapter.authorizationUrl({ state, codeChallenge: pkce.challenge, redirectUri: TEST_REDIRECT_URI });
  const callback = await signIn(url, ALICE);
  const code = callback.searchParams.get('code');
  if (!code) throw new Error(`no code on callback: ${callback.searchParams.get('error') ?? '?'}`);
  return { code, callback, verifier: pkce.verifier, state };
}

export async function loginAndExchange(adapter: ProviderAdapter) {
  const { code, verifier } = await loginForCode(adapter);
  return adapter.exchangeCode({ code, codeVerifier: verifier, redirectUri: TEST_REDIRECT_URI });
}

export async function armFault(sandboxUrl: string, fault: Record<string, unknown>): Promise<void> {
  const res = await sendJson('POST', `${sandboxUrl}/_control/faults`, fault);
  if (res.status !== 201) throw new Error(`arming fault failed: ${res.status} ${JSON.stringify(res.body)}`);
}

export async function counters(sandboxUrl: string, provider: string, clientId: string): Promise<Record<string, number>> {
  return (await getJson(`${sandboxUrl}/_control/counters`)).body?.[provider]?.[clientId] ?? {};
}

/** Runs `fn` and returns the UpstreamError it threw (fails the test otherwise). */
export async function upstreamFailure(fn: () => Promise<unknown>): Promise<UpstreamError> {
  try {
    await fn();
  } catch (error) {
    if (error instanceof UpstreamError) return error;
    throw error;
  }
  throw new Error('expected an UpstreamError');
}

export { TEST_CLIENTS, TEST_REDIRECT_URI };
