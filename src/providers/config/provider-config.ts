import type { ProviderKind } from '../provider-adapter.js';

/** Upstream URLs of one provider, after defaults derived from its base URL are filled in. */
export interface ProviderEndpoints {
  authorizeUrl?: string;
  tokenUrl?: string;
  apiBaseUrl?: string;
  tokenInfoUrl?: string;
  revokeUrl?: string;
  /** generic only: the OIDC / RFC 8414 issuer to discover everything else from. */
  issuer?: string;
}

export interface ProviderGrants {
  password: boolean;
  meeting: boolean;
  clientCredentials: boolean;
}

/** One allowlist entry: upper-case methods and a path template (`{param}` = one segment). */
export interface RelayRule {
  methods: string[];
  path: string;
}

/** The providers file's `relay` block, validated (docs/relay.md). */
export interface RelaySettings {
  /** Upstream base for relayed calls; defaults to the adapter's API base URL. */
  baseUrl?: string;
  allow: RelayRule[];
  /** Lower-case header names never sent upstream for this provider (beyond the built-in list). */
  stripHeaders: string[];
}

/** The providers file's `management` block (docs/clients.md). */
export interface ManagementSettings {
  /** Ops-role users manage clients with the BFF's client-credentials app token. */
  opsAppToken: boolean;
  initialAccessTokenEnv?: string;
  /** The RFC 7591 initial access token, non-enumerable like the client secret. */
  readonly initialAccessToken?: string;
}

/** Attaches the initial access token without making it enumerable. */
export function managementSettings(settings: Omit<ManagementSettings, 'initialAccessToken'>, initialAccessToken: string | undefined): ManagementSettings {
  return Object.defineProperty({ ...settings }, 'initialAccessToken', { value: initialAccessToken, enumerable: false, writable: false }) as ManagementSettings;
}

/** The providers file's `oidc` block (generic only); each feature is used only when the provider advertises it too. */
export interface OidcFeatures {
  backchannelLogout: boolean;
  rpInitiatedLogout: boolean;
  par: boolean;
  dpop: boolean;
}

/**
 * One validated providers-file entry with its secret resolved. `clientSecret` is a
 * non-enumerable property, so spreading, JSON.stringify or a logger never carries it;
 * read it explicitly where a client must authenticate.
 */
export interface ProviderConfig {
  id: string;
  kind: ProviderKind;
  displayName: string;
  endpoints: ProviderEndpoints;
  clientId: string;
  /** Name of the environment variable the secret came from (safe to show). */
  clientSecretEnv: string;
  readonly clientSecret: string;
  scopes: string[];
  redirectUri: string;
  grants: ProviderGrants;
  /** Send S256 PKCE. True unless the file says `pkce: false` explicitly. */
  pkce: boolean;
  /** Upstream request timeout. */
  timeoutMs: number;
  relay?: RelaySettings;
  /** Client management settings; absent means the defaults (every flag off). */
  management?: ManagementSettings;
  /** generic only; absent means the defaults (RP-initiated logout on, the rest off). */
  oidc?: OidcFeatures;
  /** Send W3C `traceparent` upstream when tracing is on (providers file; off by default). */
  propagateTraceContext?: boolean;
}

/** Attaches the secret without making it enumerable (see ProviderConfig). */
export function withSecret(config: Omit<ProviderConfig, 'clientSecret'>, secret: string): ProviderConfig {
  return Object.defineProperty({ ...config }, 'clientSecret', { value: secret, enumerable: false, writable: false }) as ProviderConfig;
}
