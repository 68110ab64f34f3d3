import { calculateJwkThumbprint, exportJWK, generateKeyPair, importJWK, SignJWT, type CryptoKey, type JWK } from 'jose';
import { createHash, randomUUID } from 'node:crypto';

/** ES256: the algorithm every DPoP server supports (RFC 9449 §5.1 examples, oidc-provider's default). */
export const DPOP_ALGORITHM = 'ES256';

export interface ProofTarget {
  /** HTTP method of the request the proof goes with. */
  htm: string;
  /** The real upstream URL; query and fragment are dropped (RFC 9449 §4.2). */
  htu: string;
  /** On resource requests: the access token, hashed into `ath`. */
  accessToken?: string;
  /** The server's last `DPoP-Nonce`, when it demands one. */
  nonce?: string;
}

/**
 * One DPoP key pair (RFC 9449): signs proofs with the public key in the header, so the
 * server binds tokens to its thumbprint. The private key leaves this object only as
 * `serialize()`, which callers must seal like a token before storing it.
 */
export class DpopKey {
  // ES private fields: a DpopKey that ends up in JSON.stringify, a logger or a spread never carries the private key.
  readonly #privateKey: CryptoKey;
  readonly #privateJwk: JWK;

  private constructor(
    privateKey: CryptoKey,
    privateJwk: JWK,
    readonly publicJwk: JWK,
  ) {
    this.#privateKey = privateKey;
    this.#privateJwk = privateJwk;
  }

  static async generate(): Promise<DpopKey> {
    const { privateKey } = await generateKeyPair(DPOP_ALGORITHM, { extractable: true });
    return DpopKey.fromJwk(await exportJWK(privateKey));
  }

  /** From `serialize()`'s output (a private JWK as JSON). */
  static async fromSerialized(serialized: string): Promise<DpopKey> {
    return DpopKey.fromJwk(JSON.parse(serialized) as JWK);
  }

  private static async fromJwk(jwk: JWK): Promise<DpopKey> {
    const { kty, crv, x, y } = jwk;
    const privateKey = (await importJWK({ ...jwk, alg: DPOP_ALGORITHM }, DPOP_ALGORITHM)) as CryptoKey;
    return new DpopKey(privateKey, jwk, { kty, crv, x, y });
  }

  /** The private key as JSON: secret material, to be sealed at rest. */
  serialize(): string {
    return JSON.stringify(this.#privateJwk);
  }

  /** Only the public half, should the object ever be serialised by accident. */
  toJSON(): { publicJwk: JWK } {
    return { publicJwk: this.publicJwk };
  }

  /** RFC 7638 thumbprint: what a bound token's `cnf.jkt` names. */
  thumbprint(): Promise<string> {
    return calculateJwkThumbprint(this.publicJwk);
  }

  /** A fresh proof JWT for one request. */
  proof(target: ProofTarget): Promise<string> {
    const url = new URL(target.htu);
    url.search = '';
    url.hash = '';
    return new SignJWT({
      htm: target.htm.toUpperCase(),
      htu: url.toString(),
      ...(target.accessToken ? { ath: createHash('sha256').update(target.accessToken).digest('base64url') } : {}),
      ...(target.nonce ? { nonce: target.nonce } : {}),
    })
      .setProtectedHeader({ alg: DPOP_ALGORITHM, typ: 'dpop+jwt', jwk: this.publicJwk })
      .setJti(randomUUID())
      .setIssuedAt()
      .sign(this.#privateKey);
  }
}
