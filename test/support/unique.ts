import { randomBytes } from 'node:crypto';

/** A short random suffix so each suite gets its own schema and key prefix. */
export function uniqueSuffix(): string {
  return randomBytes(5).toString('hex');
}
