import { createHash, timingSafeEqual } from 'node:crypto';

/** True when base64url(sha256(verifier)) equals the stored challenge, compared in constant time. */
export function verifiesS256(verifier: string, challenge: string): boolean {
  const computed = Buffer.from(createHash('sha256').update(verifier, 'ascii').digest('base64url'));
  const expected = Buffer.from(challenge);
  return computed.length === expected.length && timingSafeEqual(computed, expected);
}
