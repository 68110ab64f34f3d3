import { createRemoteJWKSet, errors, jwtVerify, type JWTPayload } from 'jose';
import { UpstreamError } from '../../upstream-error.js';

// Asymmetric algorithms only: HS* would need the client secret as a key, which this adapter never uses that way.
export const ASYMMETRIC_ALGORITHMS = ['RS256', 'RS384', 'RS512', 'PS256', 'PS384', 'PS512', 'ES256', 'ES384', 'ES512', 'EdDSA'];

export interface IdTokenCheck {
  issuer: string;
  clientId: string;
  /** Required on the code exchange when the login sent one. */
  nonce?: string;
  /** On refresh: the new ID token must be about the same user (OIDC Core §12.2). */
  subject?: string;
}

/**
 * Verifies ID tokens against the issuer's JWKS (fetched and cached by jose,
 * refetched on an unknown `kid`): signature, `iss`, `aud`, `exp`/`iat` with a
 * minute of clock skew, `azp` with several audiences, and `nonce`.
 */
export class IdTokenVerifier {
  private jwks?: { uri: string; set: ReturnType<typeof createRemoteJWKSet> };

  constructor(
    private readonly provider: string,
    private readonly timeoutMs: number,
  ) {}

  async verify(idToken: string, jwksUri: string | undefined, check: IdTokenCheck): Promise<JWTPayload> {
    if (!jwksUri) throw this.invalid('the provider publishes no jwks_uri');
    if (this.jwks?.uri !== jwksUri) this.jwks = { uri: jwksUri, set: createRemoteJWKSet(new URL(jwksUri), { timeoutDuration: this.timeoutMs }) };
    let payload: JWTPayload;
    try {
      ({ payload } = await jwtVerify(idToken, this.jwks.set, { issuer: check.issuer, audience: check.clientId, algorithms: ASYMMETRIC_ALGORITHMS, clockTolerance: 60 }));
    } catch (error) {
      throw this.fromJose(error);
    }
    if (Array.isArray(payload.aud) && payload.aud.length > 1 && payload.azp !== check.clientId) throw this.invalid('azp does not name this client');
    if (check.nonce !== undefined && payload.nonce !== check.nonce) throw this.invalid('nonce mismatch');
    if (typeof payload.sub !== 'string' || !payload.sub) throw this.invalid('no sub claim');
    if (check.subject !== undefined && payload.sub !== check.subject) throw this.invalid('sub changed on refresh');
    return payload;
  }

  private fromJose(error: unknown): UpstreamError {
    // Key-set retrieval problems are outages; anything else is a token we must not accept.
    if (error instanceof errors.JWKSTimeout) return new UpstreamError('unavailable', this.provider, 'id token: the key set did not arrive in time');
    if (error instanceof errors.JOSEError) return this.invalid(error.code);
    return new UpstreamError('unavailable', this.provider, 'id token: could not fetch the key set');
  }

  private invalid(reason: string): UpstreamError {
    return new UpstreamError('bad_response', this.provider, `id token rejected: ${reason}`);
  }
}
