import type { ClientManagementCapabilities } from './client-management.js';
import type { ClientUsageApi } from './client-usage.js';
import type { DpopKey } from './dpop/dpop-key.js';

/**
 * The seam between the auth/tokens/relay features and each provider's quirks.
 * One adapter per provider kind; the registry builds one instance per configured
 * provider. Feature code never branches on `kind`: it asks `capabilities`.
 */
export type ProviderKind = 'bluejeans' | 'genesys' | 'calcom' | 'phonecom' | 'generic';

export interface ProviderCapabilities {
  /** The authorize step accepts code_challenge (S256). False must be set explicitly per kind. */
  pkce: boolean;
  /** The provider echoes `state` on the redirect (Cal.com does not: the BFF binds by cookie only). */
  echoesState: boolean;
  /** The provider sends `iss` on the authorization response (RFC 9207). */
  issParameter: boolean;
  refresh: boolean;
  /** Refresh tokens rotate: the old one stops working after use. */
  rotatesRefreshTokens: boolean;
  revoke: boolean;
  tokenInfo: boolean;
  /** Grants beyond the code flow, enabled per provider in the providers file. */
  passwordGrant: boolean;
  meetingGrant: boolean;
  clientCredentials: boolean;
  /** OIDC Back-Channel Logout: the provider's logout tokens end our sessions (enabled in the providers file and advertised). */
  backchannelLogout: boolean;
  /** RP-initiated logout: `POST /v1/auth/logout?provider=&upstream=true` can end the session at the provider too. */
  rpInitiatedLogout: boolean;
  /** Pushed authorization requests (RFC 9126) on login. */
  par: boolean;
  /** DPoP-bound upstream tokens (RFC 9449). */
  dpop: boolean;
}

/** The claims of a verified OIDC back-channel logout token that name what to end. */
export interface LogoutTokenClaims {
  /** Provider session id; present when the provider ties the logout to one session. */
  sid?: string;
  /** Upstream subject; alone, it means every session of that account. */
  sub?: string;
  jti: string;
  /** Issued-at, epoch seconds. */
  iat: number;
}

/** Where RP-initiated logout sends the browser, and with what. */
export interface EndSessionRequest {
  /** The ID token of the login being ended (OIDC RP-Initiated Logout §2). */
  idTokenHint?: string;
  postLogoutRedirectUri: string;
  state?: string;
}

/**
 * OpenID Connect session management, implemented by the generic adapter. Callers
 * check `capabilities` first; the methods throw UpstreamError('not_supported') otherwise.
 */
export interface OidcSessionOperations {
  /**
   * Verifies a back-channel logout token fully (signature by the provider's keys, iss, aud,
   * iat window, events claim, sid/sub, no nonce). Throws InvalidLogoutTokenError (400
   * invalid_request) for a token to refuse, UpstreamError for an outage.
   */
  verifyLogoutToken?(logoutToken: string): Promise<LogoutTokenClaims>;
  /** The end_session_endpoint URL with its parameters. */
  endSessionUrl?(request: EndSessionRequest): Promise<string>;
}

export interface TokenSet {
  accessToken: string;
  refreshToken?: string;
  /** Absolute expiry of the access token, when the provider says. */
  expiresAt?: Date;
  refreshExpiresAt?: Date;
  /** Granted scopes as the provider names them. */
  scopes: string[];
  /** OIDC only. */
  idToken?: string;
  /** Provider-specific extras worth keeping (never tokens), e.g. BlueJeans meeting scope. */
  extra?: Record<string, unknown>;
  /**
   * The DPoP key the access token is bound to (the provider answered `token_type: DPoP`,
   * RFC 9449 §5); absent for a bearer token. Stored sealed with the tokens.
   */
  dpop?: DpopKey;
}

/** Options of a refresh: the DPoP key the link's tokens are bound to, if any. */
export interface RefreshOptions {
  dpop?: DpopKey;
}

export interface UpstreamIdentity {
  /** Stable upstream subject; unique per provider. */
  subject: string;
  displayName?: string;
  email?: string;
}

export interface AuthorizationRequest {
  state: string;
  codeChallenge: string;
  nonce?: string;
  redirectUri: string;
}

export interface CodeExchange {
  code: string;
  codeVerifier: string;
  redirectUri: string;
  /** The nonce sent in the authorization request (OIDC): the ID token must carry it. */
  nonce?: string;
}

/**
 * Grants beyond the code flow. A method exists only on adapters whose kind can do
 * the grant; it throws UpstreamError('not_supported') unless the matching
 * capability flag (enabled per provider in the providers file) is true.
 */
export interface ExtraGrants {
  /** Resource-owner password grant (RFC 9700 says MUST NOT; legacy, off by default). */
  passwordGrant?(username: string, password: string): Promise<TokenSet>;
  /** BlueJeans meeting id + passcode; the meeting facts land in `TokenSet.extra.meeting`. */
  meetingGrant?(meetingId: string, passcode: string): Promise<TokenSet>;
  /** An app token acting for no user. `scopes` defaults to the provider's configured scopes. */
  clientCredentials?(scopes?: string[]): Promise<TokenSet>;
}

export interface ProviderAdapter extends ExtraGrants, OidcSessionOperations {
  readonly id: string;
  readonly kind: ProviderKind;
  readonly displayName: string;
  readonly capabilities: ProviderCapabilities;
  /** Which OAuth-client management operations the provider's API offers (see client-management.ts). */
  readonly clientManagement: ClientManagementCapabilities;
  /** The provider's asynchronous OAuth-client usage API, when it has one (see client-usage.ts). */
  readonly clientUsage?: ClientUsageApi;
  /** Issuer expected in `iss` (RFC 9207) and OIDC id tokens, when the provider has one. */
  issuer(): Promise<string | undefined>;
  authorizationUrl(request: AuthorizationRequest): Promise<string>;
  exchangeCode(exchange: CodeExchange): Promise<TokenSet>;
  /** With `options.dpop` (or a fresh key when the provider uses DPoP), the request carries a DPoP proof. */
  refresh(refreshToken: string, options?: RefreshOptions): Promise<TokenSet>;
  /** Best effort; throws UpstreamError on failure. */
  revoke(tokens: { accessToken: string; refreshToken?: string }): Promise<void>;
  /** The provider's own view of the token (tokenInfo / introspection / details). */
  tokenInfo(accessToken: string): Promise<Record<string, unknown>>;
  identity(tokens: TokenSet): Promise<UpstreamIdentity>;
  /** Where relayed API calls go unless the providers file's `relay.baseUrl` says otherwise. */
  readonly apiBaseUrl: string | undefined;
  /**
   * Puts the user's access token on a relayed request the way this provider wants it
   * (`Authorization: Bearer` by default; BlueJeans: the `access_token` query parameter).
   * `headers` uses lower-case names.
   */
  authorizeRelayRequest(url: URL, headers: Record<string, string>, accessToken: string): void;
  /** RFC 7591 registration endpoint (generic, from discovery); absent on kinds without one. */
  registrationEndpoint?(): Promise<string | undefined>;
}
