import type { ProviderKind } from './provider-adapter.js';

export class ProviderCapabilitiesDto {
  /** The authorize step uses PKCE S256. */
  pkce: boolean;
  /** The provider echoes `state` on the redirect (Cal.com does not). */
  echoesState: boolean;
  /** The provider sends `iss` on the authorization response (RFC 9207). */
  issParameter: boolean;
  /** Linked tokens can be refreshed. */
  refresh: boolean;
  /** Refresh tokens rotate on use. */
  rotatesRefreshTokens: boolean;
  /** Logout and unlink revoke the tokens upstream. */
  revoke: boolean;
  /** `GET /v1/auth/{provider}/token-info` can ask the provider about the linked token. */
  tokenInfo: boolean;
  /** The legacy password grant is enabled for this provider. */
  passwordGrant: boolean;
  /** The BlueJeans meeting passcode grant is enabled for this provider. */
  meetingGrant: boolean;
  /** The client credentials grant is enabled for this provider. */
  clientCredentials: boolean;
  /** The provider's back-channel logout tokens end BFF sessions (`POST /v1/auth/{provider}/backchannel-logout`). */
  backchannelLogout: boolean;
  /** `POST /v1/auth/logout?provider={id}&upstream=true` also ends the session at the provider (RP-initiated logout). */
  rpInitiatedLogout: boolean;
  /** Logins push their authorization parameters first (RFC 9126 PAR). */
  par: boolean;
  /** Upstream tokens are DPoP-bound (RFC 9449): enabled in the providers file (`oidc.dpop`) and advertised with ES256; proofs on token requests and relayed calls. */
  dpop: boolean;
}

export class ProviderGrantsDto {
  /** `POST /v1/auth/{provider}/password` is available. */
  password: boolean;
  /** `POST /v1/auth/{provider}/meeting` is available. */
  meeting: boolean;
  /** App tokens through the client credentials grant are available. */
  clientCredentials: boolean;
}

export class ProviderSummaryDto {
  /** Provider id used in every `/v1/auth/{provider}/...` route. */
  id: string;
  /** Which adapter serves this provider. */
  kind: ProviderKind;
  /** Human-readable name for a login button. */
  displayName: string;
  capabilities: ProviderCapabilitiesDto;
  /** Where a browser starts the login; append `?returnTo=/path` to come back somewhere. */
  loginUrl: string;
  grants: ProviderGrantsDto;
}
