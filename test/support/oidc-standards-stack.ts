import { exportJWK, generateKeyPair, SignJWT, type JWTPayload } from 'jose';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { launchOidcProvider } from '../../src/sandbox/oidc/launch-oidc-provider.js';
import { freePort } from './free-port.js';
import { startTestApp, type TestApp } from './test-app.js';

export const OIDC_CLIENT = { id: 'oidc', clientId: 'bff-oidc', secret: 'oidc-demo-secret' };
export const SIGNING_KID = 'provider-rsa';

export interface OidcStandardsStack {
  bff: TestApp;
  issuer: string;
  /** Public URL reserved for a second BFF instance (registered at the provider too). */
  secondUrl: string;
  /** Environment for that second instance: same database schema, Redis prefix and providers file. */
  secondEnv: Record<string, string>;
  /** Signs a JWT with the provider's own signing key, as the provider would. */
  signAsProvider(payload: JWTPayload, header?: Record<string, unknown>): Promise<string>;
  close(): Promise<void>;
}

export interface OidcStandardsOptions {
  /** The providers file's `oidc` block for the provider. */
  oidc: Record<string, boolean>;
  /** Extra RFC 7591 metadata for the client registered at oidc-provider. */
  clientMetadata?: (bffUrls: string[]) => Record<string, unknown>;
  overrides?: Record<string, string>;
  /** More providers-file entries for the same upstream client (fields replacing the main entry's). */
  extraProviders?: Record<string, unknown>[];
  /** oidc-provider demands a server nonce in every DPoP proof (RFC 9449 §8-9). */
  dpopRequireNonce?: boolean;
}

/**
 * oidc-provider (back-channel and RP-initiated logout, PAR and DPoP features on) with
 * a known signing key, and the BFF on real Postgres and Redis with one `generic`
 * provider `oidc`. Two BFF URLs are registered as redirect URIs so a second instance
 * (a built `dist/main.js` process) can log in through the same provider.
 */
export async function startOidcStandardsStack(options: OidcStandardsOptions): Promise<OidcStandardsStack> {
  const [firstPort, secondPort] = [await freePort(), await freePort()];
  const urls = [`http://127.0.0.1:${firstPort}`, `http://127.0.0.1:${secondPort}`];
  const { privateKey } = await generateKeyPair('RS256', { extractable: true });
  const jwk = { ...(await exportJWK(privateKey)), kid: SIGNING_KID, alg: 'RS256', use: 'sig' };
  const oidc = await launchOidcProvider({
    jwks: { keys: [jwk] },
    dpopRequireNonce: options.dpopRequireNonce,
    clients: [
      {
        client_id: OIDC_CLIENT.clientId,
        client_secret: OIDC_CLIENT.secret,
        redirect_uris: urls.map((u) => `${u}/v1/auth/${OIDC_CLIENT.id}/callback`),
        ...options.clientMetadata?.(urls),
      },
    ],
  });
  const entry = {
    id: OIDC_CLIENT.id,
    kind: 'generic',
    displayName: 'OIDC',
    endpoints: { issuer: oidc.issuer },
    clientId: OIDC_CLIENT.clientId,
    clientSecretEnv: 'OIDC_CLIENT_SECRET',
    scopes: ['openid', 'profile', 'email', 'offline_access'],
    oidc: options.oidc,
    relay: { allow: [{ methods: ['GET'], path: '/me' }] },
  };
  const file = join(mkdtempSync(join(tmpdir(), 'bff-oidc-')), 'providers.json');
  const extra = (options.extraProviders ?? []).map((fields) => ({ ...entry, ...fields }));
  writeFileSync(file, JSON.stringify({ providers: [entry, ...extra] }));
  const env = { PROVIDERS_FILE: file, OIDC_CLIENT_SECRET: OIDC_CLIENT.secret, ...options.overrides };
  const bff = await startTestApp({ PORT: String(firstPort), PUBLIC_URL: urls[0], ...env });
  return {
    bff,
    issuer: oidc.issuer,
    secondUrl: urls[1],
    secondEnv: {
      ...env,
      DATABASE_URL: bff.config.database.url as string,
      DATABASE_SCHEMA: bff.config.database.schema,
      REDIS_URL: bff.config.redis.url as string,
      REDIS_KEY_PREFIX: bff.config.redis.keyPrefix,
      SANDBOX_ENABLED: 'false',
      NODE_ENV: 'test',
      LOG_LEVEL: 'warn',
    },
    signAsProvider: (payload, header = {}) => new SignJWT(payload).setProtectedHeader({ alg: 'RS256', kid: SIGNING_KID, typ: 'logout+jwt', ...header }).sign(privateKey),
    close: async () => {
      await bff.close();
      await oidc.stop();
    },
  };
}

/** The port part of a URL, for starting a second instance on its reserved address. */
export function portOf(url: string): number {
  return Number(new URL(url).port);
}
