import type { AppConfig } from '../../config/app-config.js';
import { DEFAULT_SEED } from '../../sandbox/seed.js';
import type { ProviderKind } from '../provider-adapter.js';
import { withSecret, type ProviderConfig, type RelayRule } from './provider-config.js';
import { DEFAULT_TIMEOUT_MS, defaultRedirectUri, resolveEndpoints } from './resolve-provider.js';

/** Marks the secret's origin in place of an environment variable name. */
export const SANDBOX_SECRET_SOURCE = 'sandbox-seed';

interface SandboxDefault {
  kind: Exclude<ProviderKind, 'generic'>;
  displayName: string;
  endpoints: (sandboxUrl: string) => { authorizeUrl?: string; tokenUrl?: string; apiBaseUrl: string };
  scopes: string[];
  grants: ProviderConfig['grants'];
  /** The sandbox's protected user resources (client management goes through the clients module, not the relay). */
  relay: RelayRule[];
}

// The generic kind has no default: `npm start` does not run oidc-provider.
const DEFAULTS: SandboxDefault[] = [
  {
    kind: 'bluejeans',
    displayName: 'BlueJeans (sandbox)',
    endpoints: (s) => ({ apiBaseUrl: `${s}/bluejeans` }),
    scopes: ['user_info', 'list_meetings'],
    grants: { password: false, meeting: false, clientCredentials: false },
    relay: [
      { methods: ['GET'], path: '/v1/user/{user_id}' },
      { methods: ['GET'], path: '/v1/user/{user_id}/scheduled_meeting' },
    ],
  },
  {
    kind: 'genesys',
    displayName: 'Genesys Cloud (sandbox)',
    endpoints: (s) => ({ authorizeUrl: `${s}/genesys/login/oauth/authorize`, tokenUrl: `${s}/genesys/login/oauth/token`, apiBaseUrl: `${s}/genesys/api` }),
    scopes: ['users:readonly', 'oauth', 'usage:readonly'],
    grants: { password: false, meeting: false, clientCredentials: false },
    relay: [
      { methods: ['GET'], path: '/api/v2/users/me' },
      { methods: ['GET'], path: '/api/v2/oauth/scopes' },
      { methods: ['GET'], path: '/api/v2/oauth/scopes/{scopeId}' },
      { methods: ['GET'], path: '/api/v2/oauth/authorizations' },
      { methods: ['GET'], path: '/api/v2/oauth/authorizations/{clientId}' },
    ],
  },
  {
    kind: 'calcom',
    displayName: 'Cal.com (sandbox)',
    endpoints: (s) => ({ apiBaseUrl: `${s}/calcom` }),
    scopes: ['READ_PROFILE', 'READ_BOOKING'],
    grants: { password: false, meeting: false, clientCredentials: false },
    relay: [{ methods: ['GET'], path: '/v2/me' }],
  },
  {
    kind: 'phonecom',
    displayName: 'Phone.com (sandbox)',
    endpoints: (s) => ({ apiBaseUrl: `${s}/phonecom/v4` }),
    scopes: ['account-owner'],
    grants: { password: false, meeting: false, clientCredentials: false },
    relay: [
      { methods: ['GET'], path: '/accounts/{account_id}' },
      { methods: ['GET'], path: '/accounts/{account_id}/extensions' },
    ],
  },
];

/**
 * The registry used when no providers file is configured: the in-process sandbox
 * with the seed's demo clients (public demo values). The seed registers
 * `http://localhost:3000/v1/auth/{id}/callback`; the in-process sandbox adds the callbacks of the configured PUBLIC_URL (src/sandbox/bff-callbacks.ts). The id of
 * each provider is its kind. Legacy grants stay off, as they would in a real file.
 */
export function defaultProviders(config: Pick<AppConfig, 'http' | 'sandbox'>): ProviderConfig[] {
  return DEFAULTS.map((d) => {
    const redirectUri = defaultRedirectUri(config.http.publicUrl, d.kind);
    // The seed's BFF client for this provider is the one registered for the BFF callback.
    const client = DEFAULT_SEED.clients.find((c) => c.provider === d.kind && c.redirectUris.some((u) => u.endsWith(`/v1/auth/${d.kind}/callback`)));
    if (!client) throw new Error(`sandbox seed has no BFF client for ${d.kind}`);
    return withSecret(
      {
        id: d.kind,
        kind: d.kind,
        displayName: d.displayName,
        endpoints: resolveEndpoints(d.kind, d.endpoints(config.sandbox.publicUrl), client.clientId),
        clientId: client.clientId,
        clientSecretEnv: SANDBOX_SECRET_SOURCE,
        scopes: d.scopes,
        redirectUri,
        grants: d.grants,
        pkce: true,
        timeoutMs: DEFAULT_TIMEOUT_MS,
        relay: { allow: d.relay, stripHeaders: [] },
      },
      client.clientSecret,
    );
  });
}
