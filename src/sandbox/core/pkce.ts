import { createHash, timingSafeEqual } from 'node:crypto';

/** RFC 7636 verifier syntax: 43-128 unreserved characters. */
const VERIFIER = /^[A-Za-z0-9\-._~]{43,128}$/;

export function s256(verifier: string): string {
  return createHash('sha256').update(verifier, 'ascii').digest('base64url');
}

/**
 * Checks a code_verifier against the challenge stored with the code. `plain`
 * is refused: every provider here that documents PKCE documents S256 only.
 */
export function verifyPkce(challenge: string, method: string | undefined, verifier: unknown): boolean {
  if ((method ?? 'S256') !== 'S256') return false;
  if (typeof verifier !== 'string' || !VERIFIER.test(verifier)) return false;
  return safeEqual(s256(verifier), challenge);
}

/** Constant-time string comparison for secrets and derived values. */
export function safeEqual(a: string, b: string): boolean {
  const left = Buffer.from(a);
  const right = Buffer.from(b);
  return left.length === right.length && timingSafeEqual(left, right);
}
