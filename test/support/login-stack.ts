import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadConfig } from '../../src/config/load-config.js';
import { defaultProviders } from '../../src/providers/config/default-providers.js';
import { createSandboxServer } from '../../src/sandbox/core/server.js';
import type { SandboxState } from '../../src/sandbox/core/context.js';
import { sandboxProviders } from '../../src/sandbox/providers/index.js';
import { DEFAULT_SEED } from '../../src/sandbox/seed.js';
import { launchOidcProvider } from '../../src/sandbox/oidc/launch-oidc-provider.js';
import { freePort } from './free-port.js';
import { startTestApp, type TestApp } from './test-app.js';

export const SANDBOX_KINDS = ['bluejeans', 'genesys', 'calcom', 'phonecom'] as const;
export const GENERIC = { id: 'generic', clientId: 'bff-generic', secret: 'generic-demo-secret' };

export interface LoginStack {
  bff: TestApp;
  sandboxUrl: string;
  sandbox: SandboxState;
  oidcIssuer: string;
  /** Environment for another BFF process on the same database schema, Redis prefix and providers. */
  instanceEnv: Record<string, string>;
  close(): Promise<void>;
}

export interface ProviderGrants {
  password?: boolean;
  meeting?: boolean;
  clientCredentials?: boolean;
}

export interface LoginStackOptions {
  /** Legacy/app grants to enable per sandbox provider id (all off otherwise, as in a real providers file). */
  grants?: Record<string, ProviderGrants>;
  /** `relay` blocks replacing the defaults per provider id, given the upstream URLs (e.g. to allowlist the sandbox's `/_control/echo`). */
  relay?: (urls: { sandboxUrl: string; oidcIssuer: string }) => Record<string, unknown>;
  /** Extra providers-file keys per provider id (e.g. a `management` block). */
  entries?: Record<string, Record<string, unknown>>;
  /** Extra environment for the BFF (e.g. variables the extra keys name). */
  env?: Record<string, string>;
  /** oidc-provider then requires this RFC 7591 initial access token to register clients. */
  oidcRegistrationToken?: string;
}

/** oidc-provider's userinfo endpoint, below the issuer (the generic adapter's default relay base). */
export const GENERIC_RELAY = { allow: [{ methods: ['GET'], path: '/me' }] };

/** A providers file with the four sandbox providers (as `npm start` has them) plus oidc-provider as `generic`. */
function writeProvidersFile(publicUrl: string, sandboxUrl: string, issuer: string, options: LoginStackOptions = {}): { path: string; env: Record<string, string> } {
  const config = loadConfig({ PUBLIC_URL: publicUrl, SANDBOX_PUBLIC_URL: sandboxUrl });
  const env: Record<string, string> = { GENERIC_CLIENT_SECRET: GENERIC.secret, ...options.env };
  const relay = options.relay?.({ sandboxUrl, oidcIssuer: issuer }) ?? {};
  const sandboxEntries = defaultProviders(config).map((p) => {
    env[`${p.kind.toUpperCase()}_CLIENT_SECRET`] = p.clientSecret;
    const endpoints = p.endpoints as Record<string, string>;
    const keep = p.kind === 'genesys' ? ['authorizeUrl', 'tokenUrl', 'apiBaseUrl'] : ['apiBaseUrl'];
    const fileEndpoints = Object.fromEntries(keep.map((k) => [k, endpoints[k]]));
    return { id: p.id, kind: p.kind, displayName: p.displayName, endpoints: fileEndpoints, clientId: p.clientId, clientSecretEnv: `${p.kind.toUpperCase()}_CLIENT_SECRET`, scopes: p.scopes, relay: relay[p.id] ?? p.relay, ...(options.grants?.[p.id] ? { grants: options.grants[p.id] } : {}), ...options.entries?.[p.id] };
  });
  const generic = { id: GENERIC.id, kind: 'generic', displayName: 'Generic OIDC', endpoints: { issuer }, clientId: GENERIC.clientId, clientSecretEnv: 'GENERIC_CLIENT_SECRET', relay: relay[GENERIC.id] ?? GENERIC_RELAY, ...options.entries?.[GENERIC.id] };
  const path = join(mkdtempSync(join(tmpdir(), 'bff-providers-')), 'providers.json');
  writeFileSync(path, JSON.stringify({ providers: [...sandboxEntries, generic] }));
  return { path, env };
}

/**
 * The whole login picture on loopback: the sandbox emulating the four providers,
 * oidc-provider as the generic upstream, and the BFF (real Postgres and Redis)
 * registered at both under its real callback URLs.
 */
export async function startLoginStack(overrides: Record<string, string> = {}, options: LoginStackOptions = {}): Promise<LoginStack> {
  const port = await freePort();
  const publicUrl = `http://127.0.0.1:${port}`;
  const callback = (id: string) => `${publicUrl}/v1/auth/${id}/callback`;
  const seed = structuredClone(DEFAULT_SEED);
  for (const client of seed.clients) client.redirectUris.push(callback(client.provider));
  const server = createSandboxServer({ control: true, seed, providers: sandboxProviders });
  const sandbox = await server.listen(0, '127.0.0.1');
  const oidc = await launchOidcProvider({
    clients: [{ client_id: GENERIC.clientId, client_secret: GENERIC.secret, redirect_uris: [callback(GENERIC.id)] }],
    registrationInitialAccessToken: options.oidcRegistrationToken,
  });
  const providers = writeProvidersFile(publicUrl, sandbox.url, oidc.issuer, options);
  const bff = await startTestApp({
    PORT: String(port),
    PUBLIC_URL: publicUrl,
    SANDBOX_PUBLIC_URL: sandbox.url,
    PROVIDERS_FILE: providers.path,
    ...providers.env,
    ...overrides,
  });
  return {
    bff,
    sandboxUrl: sandbox.url,
    sandbox: server.context,
    oidcIssuer: oidc.issuer,
    instanceEnv: {
      // Other instances wait as long as this one for the local Postgres and Redis (test-config.ts).
      DATABASE_CONNECT_TIMEOUT_MS: String(bff.config.database.connectTimeoutMs),
      REDIS_CONNECT_TIMEOUT_MS: String(bff.config.redis.connectTimeoutMs),
      ...providers.env,
      ...overrides,
      DATABASE_URL: bff.config.database.url as string,
      DATABASE_SCHEMA: bff.config.database.schema,
      REDIS_URL: bff.config.redis.url as string,
      REDIS_KEY_PREFIX: bff.config.redis.keyPrefix,
      PROVIDERS_FILE: providers.path,
      SANDBOX_PUBLIC_URL: sandbox.url,
      SANDBOX_ENABLED: 'false',
      NODE_ENV: 'test',
      LOG_LEVEL: 'warn',
    },
    close: async () => {
      await bff.close();
      await Promise.all([sandbox.close(), oidc.stop()]);
    },
  };
}
