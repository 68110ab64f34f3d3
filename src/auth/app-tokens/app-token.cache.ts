import { Inject, Injectable } from '@nestjs/common';
import { createHash } from 'node:crypto';
import { KvStore } from '../../redis/kv-store.port.js';
import { TokenCipher } from '../../tokens/token-cipher.js';

export interface AppToken {
  accessToken: string;
  scopes: string[];
  expiresAt: Date;
}

interface Stored {
  sealed: string;
  scopes: string[];
  expiresAt: number;
}

/** Sorted, de-duplicated scopes: the same set in any order is one cache entry. */
export function scopeKey(scopes: string[]): string {
  return [...new Set(scopes)].sort().join(' ');
}

/**
 * App tokens in Redis, shared by every instance. The token is sealed with the same
 * AES-256-GCM key ring as linked-account tokens; the additional data
 * `app-token:<scopes>|<provider>|<kid>|access` binds it to its provider and scope set,
 * so a value copied to another key does not decrypt. Keys hash the scope set.
 */
@Injectable()
export class AppTokenCache {
  constructor(
    @Inject(KvStore) private readonly store: KvStore,
    @Inject(TokenCipher) private readonly cipher: TokenCipher,
  ) {}

  key(provider: string, scopes: string[]): string {
    return `app-token:${provider}:${createHash('sha256').update(scopeKey(scopes)).digest('hex')}`;
  }

  async read(provider: string, scopes: string[]): Promise<AppToken | null> {
    const raw = await this.store.get(this.key(provider, scopes));
    if (!raw) return null;
    try {
      const stored = JSON.parse(raw) as Stored;
      return { accessToken: this.cipher.decrypt(stored.sealed, binding(provider, scopes)), scopes: stored.scopes, expiresAt: new Date(stored.expiresAt) };
    } catch {
      // A value that no longer opens (key dropped from the ring) is a miss: fetch a new token.
      return null;
    }
  }

  /** Kept until `margin` before expiry, so a cached token always has that long left. */
  async write(provider: string, scopes: string[], token: AppToken, marginMs: number): Promise<void> {
    const ttlMs = token.expiresAt.getTime() - Date.now() - marginMs;
    if (ttlMs <= 0) return;
    const stored: Stored = { sealed: this.cipher.encrypt(token.accessToken, binding(provider, scopes)), scopes: token.scopes, expiresAt: token.expiresAt.getTime() };
    await this.store.set(this.key(provider, scopes), JSON.stringify(stored), ttlMs);
  }
}

function binding(provider: string, scopes: string[]) {
  return { accountId: `app-token:${scopeKey(scopes)}`, provider, field: 'access' as const };
}
