import { DomainError } from '../../common/errors/domain-error.js';
import type { AppConfig } from '../../config/app-config.js';
import type { LoginTransaction } from '../login/login-transaction.js';

// S256 challenge: base64url(sha256(verifier)) without padding is always 43 characters.
const S256_CHALLENGE = /^[A-Za-z0-9_-]{43}$/;
// The app's own state is echoed into its redirect URI: keep it to URL-safe characters.
const APP_STATE = /^[A-Za-z0-9._~-]{1,256}$/;

type Query = Record<string, unknown>;

/**
 * Reads `client=native&redirectUri=&codeChallenge=[&state=]` from a login request.
 * Undefined for browser logins. The redirect URI must equal one of
 * NATIVE_REDIRECT_URIS byte for byte (RFC 8252 §8.10: no pattern matching, no
 * normalisation), so a hand-off code can only ever reach a registered app.
 */
export function nativeLoginRequest(query: Query, config: AppConfig): LoginTransaction['native'] {
  if (query.client === undefined) return undefined;
  if (query.client !== 'native') throw new DomainError('validation_failed', 400, 'client must be "native" when given.', { errors: [{ field: 'client' }] });
  const { redirectUri, codeChallenge, state } = query;
  if (typeof redirectUri !== 'string' || !config.native.redirectUris.includes(redirectUri)) {
    throw new DomainError('native_redirect_uri_invalid', 400, 'redirectUri is not a registered native-app redirect URI.');
  }
  if (typeof codeChallenge !== 'string' || !S256_CHALLENGE.test(codeChallenge)) {
    throw new DomainError('native_code_challenge_invalid', 400, 'codeChallenge must be an S256 PKCE challenge (43 base64url characters).');
  }
  if (query.codeChallengeMethod !== undefined && query.codeChallengeMethod !== 'S256') {
    throw new DomainError('native_code_challenge_invalid', 400, 'Only the S256 code challenge method is accepted.');
  }
  if (state !== undefined && (typeof state !== 'string' || !APP_STATE.test(state))) {
    throw new DomainError('validation_failed', 400, 'state must be 1-256 URL-safe characters.', { errors: [{ field: 'state' }] });
  }
  return { redirectUri, codeChallenge, ...(state ? { appState: state } : {}) };
}

/** The app's redirect URI with the hand-off code (and its own state) appended. */
export function appRedirect(native: NonNullable<LoginTransaction['native']>, code: string): string {
  const url = new URL(native.redirectUri);
  url.searchParams.set('code', code);
  if (native.appState) url.searchParams.set('state', native.appState);
  return url.toString();
}
