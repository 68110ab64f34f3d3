import { createRemoteJWKSet, errors, jwtVerify, type JWTPayload } from 'jose';
import { DomainError } from '../../../common/errors/domain-error.js';
import type { LogoutTokenClaims } from '../../provider-adapter.js';
import { UpstreamError } from '../../upstream-error.js';
import { ASYMMETRIC_ALGORITHMS } from './id-token.js';

/** OIDC Back-Channel Logout 1.0 §2.4: the event that makes a JWT a logout token. */
export const BACKCHANNEL_LOGOUT_EVENT = 'http://schemas.openid.net/event/backchannel-logout';

/** How old a logout token may be (by `iat`); replays inside this window are caught by the jti cache. */
export const LOGOUT_TOKEN_MAX_AGE_SECONDS = 300;
/** Clock difference tolerated on `iat` (and `exp`, when present). */
export const LOGOUT_TOKEN_CLOCK_TOLERANCE_SECONDS = 60;

/** A logout token to refuse: the spec's 400 with `error=invalid_request`, never a 500. */
export class InvalidLogoutTokenError extends DomainError {
  constructor(reason: string) {
    super('invalid_request', 400, `The logout token is not acceptable: ${reason}.`, { error: 'invalid_request' });
  }
}

export interface LogoutTokenCheck {
  issuer: string;
  clientId: string;
}

/**
 * Validates logout tokens (OIDC Back-Channel Logout 1.0 §2.6) with jose against the
 * issuer's JWKS: asymmetric signature (so `alg: none` and HMAC are refused), `iss`,
 * `aud` = our client id, `iat` within the window, the back-channel event, `sid`
 * and/or `sub`, and no `nonce` (which would make it an ID token). The jti replay
 * check needs shared state and lives with the caller.
 */
export class LogoutTokenVerifier {
  private jwks?: { uri: string; set: ReturnType<typeof createRemoteJWKSet> };

  constructor(
    private readonly provider: string,
    private readonly timeoutMs: number,
  ) {}

  async verify(logoutToken: string, jwksUri: string | undefined, check: LogoutTokenCheck): Promise<LogoutTokenClaims> {
    if (!jwksUri) throw new UpstreamError('bad_response', this.provider, 'logout token: the provider publishes no jwks_uri');
    if (this.jwks?.uri !== jwksUri) this.jwks = { uri: jwksUri, set: createRemoteJWKSet(new URL(jwksUri), { timeoutDuration: this.timeoutMs }) };
    let payload: JWTPayload;
    try {
      ({ payload } = await jwtVerify(logoutToken, this.jwks.set, {
        issuer: check.issuer,
        audience: check.clientId,
        algorithms: ASYMMETRIC_ALGORITHMS,
        maxTokenAge: LOGOUT_TOKEN_MAX_AGE_SECONDS,
        clockTolerance: LOGOUT_TOKEN_CLOCK_TOLERANCE_SECONDS,
        // `typ` (logout+jwt, §2.4) is not required: older providers send untyped tokens, and the events claim tells them from ID tokens.
        requiredClaims: ['iat', 'jti', 'events'],
      }));
    } catch (error) {
      throw this.fromJose(error);
    }
    return readClaims(payload);
  }

  private fromJose(error: unknown): Error {
    if (error instanceof errors.JWKSTimeout) return new UpstreamError('unavailable', this.provider, 'logout token: the key set did not arrive in time');
    if (error instanceof errors.JOSEError) return new InvalidLogoutTokenError(error.code);
    return new UpstreamError('unavailable', this.provider, 'logout token: could not fetch the key set');
  }
}

function readClaims(payload: JWTPayload): LogoutTokenClaims {
  const events = payload.events;
  const event = events && typeof events === 'object' && !Array.isArray(events) ? (events as Record<string, unknown>)[BACKCHANNEL_LOGOUT_EVENT] : undefined;
  if (!event || typeof event !== 'object' || Array.isArray(event)) throw new InvalidLogoutTokenError('no back-channel logout event');
  if ('nonce' in payload) throw new InvalidLogoutTokenError('a nonce is present');
  const sid = nonEmpty(payload.sid);
  const sub = nonEmpty(payload.sub);
  if (payload.sid !== undefined && sid === undefined) throw new InvalidLogoutTokenError('sid is not a string');
  if (payload.sub !== undefined && sub === undefined) throw new InvalidLogoutTokenError('sub is not a string');
  if (!sid && !sub) throw new InvalidLogoutTokenError('neither sid nor sub');
  const jti = nonEmpty(payload.jti);
  if (!jti) throw new InvalidLogoutTokenError('no jti');
  return { sid, sub, jti, iat: payload.iat! };
}

function nonEmpty(value: unknown): string | undefined {
  return typeof value === 'string' && value.length > 0 && value.length <= 512 ? value : undefined;
}
