import type { ProviderKind } from '../provider-adapter.js';
import type { ProviderEndpoints } from './provider-config.js';

export const DEFAULT_TIMEOUT_MS = 10_000;

/** Scopes asked for when the file names none (Genesys and Cal.com clients carry theirs upstream). */
export const DEFAULT_SCOPES: Record<ProviderKind, string[]> = {
  bluejeans: ['user_info'],
  genesys: [],
  calcom: [],
  phonecom: ['account-owner'],
  generic: ['openid', 'profile', 'email'],
};

const trim = (url: string) => url.replace(/\/+$/, '');

/**
 * Fills the URLs a kind derives from its base URL (the documented paths below the
 * provider's API host), so a file usually names only `apiBaseUrl`.
 */
export function resolveEndpoints(kind: ProviderKind, given: ProviderEndpoints, clientId: string): ProviderEndpoints {
  const api = given.apiBaseUrl ? trim(given.apiBaseUrl) : undefined;
  switch (kind) {
    case 'bluejeans':
      return {
        apiBaseUrl: api,
        authorizeUrl: given.authorizeUrl ?? `${api}/oauth2/authorize`,
        tokenUrl: given.tokenUrl ?? `${api}/oauth2/token`,
        tokenInfoUrl: given.tokenInfoUrl ?? `${api}/oauth2/tokenInfo`,
        revokeUrl: given.revokeUrl ?? `${api}/oauth2/token`,
      };
    case 'calcom': {
      const id = encodeURIComponent(clientId);
      return {
        apiBaseUrl: api,
        authorizeUrl: (given.authorizeUrl ?? `${api}/v2/oauth/{clientId}/authorize`).replace('{clientId}', id),
        tokenUrl: `${api}/v2/oauth/${id}/exchange`,
      };
    }
    case 'phonecom':
      return {
        apiBaseUrl: api,
        authorizeUrl: given.authorizeUrl ?? `${api}/oauth/authorization`,
        tokenUrl: given.tokenUrl ?? `${api}/oauth/access-token`,
        tokenInfoUrl: given.tokenUrl ?? `${api}/oauth/access-token`,
      };
    case 'genesys':
      return { authorizeUrl: given.authorizeUrl, tokenUrl: given.tokenUrl, apiBaseUrl: api };
    case 'generic':
      // The issuer is compared byte for byte with `iss` (RFC 9207) and the ID token: never normalise it.
      return { issuer: given.issuer };
  }
}

export function defaultRedirectUri(publicUrl: string, id: string): string {
  return `${trim(publicUrl)}/v1/auth/${id}/callback`;
}
