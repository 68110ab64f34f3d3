import type { ValidAccessToken } from '../access-token.provider.js';

const DEFAULT_MAX_ENTRIES = 10_000;
export const LINKED_ACCOUNT_CHANGED = 'linked-accounts:changed';

interface Entry {
  value: ValidAccessToken;
  until: number;
}

/**
 * "Which access token does this user use at this provider", in memory, so the relay's
 * hot path skips a database read and a decryption per call. Entries never outlive the
 * token's refresh point nor `maxAgeMs` (TOKEN_CACHE_MAX_AGE_SECONDS), and any change
 * to a link (refresh, status, unlink) on any instance evicts them through pub/sub; the
 * max age bounds staleness should a notification be lost (a stale token then meets
 * the upstream's 401, and the relay's forced refresh replaces it). Sized for many users
 * (TOKEN_CACHE_MAX_ENTRIES): each entry holds the token and four small fields of its
 * link, never the row's ciphertexts; when full, the oldest entry goes.
 */
export class HotTokenCache {
  private readonly entries = new Map<string, Entry>();
  /** account id -> entry key, so an eviction by account is one lookup, not a scan. */
  private readonly keyOfAccount = new Map<string, string>();

  constructor(
    private readonly maxAgeMs: number,
    private readonly now: () => number,
    private readonly maxEntries = DEFAULT_MAX_ENTRIES,
  ) {}

  get(userId: string, provider: string): ValidAccessToken | undefined {
    const key = `${userId}\u0000${provider}`;
    const entry = this.entries.get(key);
    if (!entry) return undefined;
    if (entry.until > this.now()) return entry.value;
    this.drop(key, entry);
    return undefined;
  }

  set(userId: string, provider: string, value: ValidAccessToken, validUntil: number): void {
    const now = this.now();
    const until = Math.min(now + this.maxAgeMs, validUntil);
    if (until <= now || this.maxEntries <= 0) return;
    const key = `${userId}\u0000${provider}`;
    const previous = this.entries.get(key);
    if (previous) this.drop(key, previous);
    else if (this.entries.size >= this.maxEntries) this.dropOldest();
    const { account } = value;
    const slim: ValidAccessToken = { accessToken: value.accessToken, account: { id: account.id, userId: account.userId, provider: account.provider, subject: account.subject, accessExpiresAt: account.accessExpiresAt, updatedAt: account.updatedAt } };
    // A DPoP-bound token keeps its imported key, so the relay signs proofs without a decryption per call.
    if (value.dpop) slim.dpop = value.dpop;
    this.entries.set(key, { value: slim, until });
    this.keyOfAccount.set(account.id, key);
  }

  evictAccount(accountId: string): void {
    const key = this.keyOfAccount.get(accountId);
    if (key === undefined) return;
    const entry = this.entries.get(key);
    if (entry) this.drop(key, entry);
    else this.keyOfAccount.delete(accountId);
  }

  private dropOldest(): void {
    const oldest = this.entries.entries().next().value as [string, Entry] | undefined;
    if (oldest) this.drop(oldest[0], oldest[1]);
  }

  private drop(key: string, entry: Entry): void {
    this.entries.delete(key);
    if (this.keyOfAccount.get(entry.value.account.id) === key) this.keyOfAccount.delete(entry.value.account.id);
  }
}
