import type { ValidAccessToken } from '../access-token.provider.js';

const MAX_ENTRIES = 10_000;
export const LINKED_ACCOUNT_CHANGED = 'linked-accounts:changed';

/**
 * A few seconds of memory for "which access token does this user use at this
 * provider", so the relay's hot path skips a database read and a decryption per
 * call. Entries never outlive the token's own validity, and any change to a link
 * (refresh, status, unlink) on any instance evicts them through pub/sub; the short
 * age bounds staleness should a notification be lost.
 */
export class HotTokenCache {
  private readonly entries = new Map<string, { value: ValidAccessToken; until: number }>();

  constructor(
    private readonly maxAgeMs: number,
    private readonly now: () => number,
  ) {}

  get(userId: string, provider: string): ValidAccessToken | undefined {
    const key = `${userId}\u0000${provider}`;
    const entry = this.entries.get(key);
    if (!entry) return undefined;
    if (entry.until > this.now()) return entry.value;
    this.entries.delete(key);
    return undefined;
  }

  set(userId: string, provider: string, value: ValidAccessToken, validUntil: number): void {
    const until = Math.min(this.now() + this.maxAgeMs, validUntil);
    if (until <= this.now()) return;
    if (this.entries.size >= MAX_ENTRIES) this.entries.delete(this.entries.keys().next().value as string);
    this.entries.set(`${userId}\u0000${provider}`, { value, until });
  }

  evictAccount(accountId: string): void {
    for (const [key, entry] of this.entries) if (entry.value.account.id === accountId) this.entries.delete(key);
  }
}
