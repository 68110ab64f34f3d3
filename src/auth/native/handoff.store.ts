import { Inject, Injectable } from '@nestjs/common';
import { createHash, randomBytes } from 'node:crypto';
import { DependencyUnavailableError } from '../../common/errors/domain-error.js';
import { KvStore } from '../../redis/kv-store.port.js';

/** What the callback leaves for the app; never a provider token. */
export interface HandoffRecord {
  userId: string;
  roles: string[];
  providers: string[];
  /** The subject of the account that logged in (audit only). */
  subject: string;
  codeChallenge: string;
  createdAt: number;
}

/** RFC 8252 asks for short-lived codes; 60 s covers the browser-to-app switch. */
export const HANDOFF_TTL_MS = 60_000;
const CODE_SHAPE = /^[A-Za-z0-9_-]{43}$/;

function keyOf(code: string): string {
  return `native-handoff:${createHash('sha256').update(code).digest('hex')}`;
}

/**
 * Single-use hand-off codes in Redis. Only the code's hash is a key, so a Redis
 * dump holds no redeemable code; redemption is getDel, so a code works once even
 * when two redemptions race.
 */
@Injectable()
export class HandoffStore {
  constructor(@Inject(KvStore) private readonly store: KvStore) {}

  async issue(record: HandoffRecord): Promise<string> {
    const code = randomBytes(32).toString('base64url');
    await this.guard(() => this.store.set(keyOf(code), JSON.stringify(record), HANDOFF_TTL_MS));
    return code;
  }

  /** The record, removed in the same step; null for unknown, used, expired or malformed codes. */
  async take(code: string): Promise<HandoffRecord | null> {
    if (!CODE_SHAPE.test(code)) return null;
    const raw = await this.guard(() => this.store.getDel(keyOf(code)));
    return raw ? (JSON.parse(raw) as HandoffRecord) : null;
  }

  private async guard<T>(work: () => Promise<T>): Promise<T> {
    try {
      return await work();
    } catch {
      throw new DependencyUnavailableError('redis');
    }
  }
}
