import { createHash, randomBytes } from 'node:crypto';

// 32 bytes = 256 bits from the CSPRNG, as DESIGN.md asks; base64url without padding is 43 characters.
const TOKEN_BYTES = 32;
const TOKEN_SHAPE = /^[A-Za-z0-9_-]{43}$/;

export function newSessionToken(): string {
  return randomBytes(TOKEN_BYTES).toString('base64url');
}

/** Checked before any store lookup, so garbage and oversized values never reach Redis. */
export function isWellFormedSessionToken(value: unknown): value is string {
  return typeof value === 'string' && TOKEN_SHAPE.test(value);
}

/** The store key part: a Redis dump yields hashes, never a usable token. */
export function hashSessionToken(token: string): string {
  return createHash('sha256').update(token, 'utf8').digest('hex');
}
