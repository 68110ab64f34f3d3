import type { OidcFeatures } from '../../config/provider-config.js';
import type { ProviderCapabilities } from '../../provider-adapter.js';
import { DPOP_ALGORITHM } from '../../dpop/dpop-key.js';
import type { ServerMetadata } from './discovery.js';

/** What the providers file says when it has no `oidc` block. */
export const DEFAULT_OIDC_FEATURES: OidcFeatures = { backchannelLogout: false, rpInitiatedLogout: true, par: false, dpop: false };

/**
 * Each OIDC/OAuth extension is used only when the providers file enables it AND the
 * server's metadata advertises it: enabling something the server lacks is harmless
 * (it stays off and `/v1/auth/providers` says so), and a server that starts
 * advertising something is not used that way until the file says so.
 */
export function oidcCapabilities(metadata: ServerMetadata, features: OidcFeatures = DEFAULT_OIDC_FEATURES): Pick<ProviderCapabilities, 'backchannelLogout' | 'rpInitiatedLogout' | 'par' | 'dpop'> {
  return {
    backchannelLogout: features.backchannelLogout && metadata.backchannel_logout_supported === true,
    rpInitiatedLogout: features.rpInitiatedLogout && typeof metadata.end_session_endpoint === 'string',
    par: features.par && typeof metadata.pushed_authorization_request_endpoint === 'string',
    // Our proofs are ES256: a server that does not list it cannot verify them.
    dpop: features.dpop && Array.isArray(metadata.dpop_signing_alg_values_supported) && metadata.dpop_signing_alg_values_supported.includes(DPOP_ALGORITHM),
  };
}
