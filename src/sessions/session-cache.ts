import type { SessionRecord } from './session.types.js';

/** The pub/sub channel on which an instance names (by hash) a session it changed or ended. */
export const SESSION_CHANGED = 'sessions:changed';

interface Entry {
  record: SessionRecord;
  until: number;
}

/**
 * "Which session does this token hash name", in memory, for the relay's hot path only:
 * a hit skips the Redis GET and the record's parse. Entries live at most `maxAgeMs`
 * (SESSION_CACHE_MAX_AGE_MS) and never past the session's own expiry. Every change that
 * ends or rewrites a session (logout, revoke, rotation, a provider's refusal, an update)
 * evicts the entry here at once and on every other instance through pub/sub; the max age
 * bounds what a lost notification (a subscriber reconnecting) can leave behind. When full,
 * the oldest entry goes.
 */
export class SessionCache {
  private readonly entries = new Map<string, Entry>();
  private evictions = 0;

  constructor(
    private readonly maxAgeMs: number,
    private readonly maxEntries: number,
  ) {}

  get enabled(): boolean {
    return this.maxAgeMs > 0 && this.maxEntries > 0;
  }

  /**
   * Taken before a store read and handed to set(): a read that was in flight when any
   * eviction arrived may carry the state from before that change, so it is not kept.
   */
  get generation(): number {
    return this.evictions;
  }

  get(hash: string, now: number): SessionRecord | undefined {
    const entry = this.entries.get(hash);
    if (!entry) return undefined;
    if (entry.until > now) return entry.record;
    this.entries.delete(hash);
    return undefined;
  }

  /** Keeps `record` until `now + maxAgeMs` or `expiresAt`, whichever comes first, unless an eviction happened since `generation`. */
  set(hash: string, record: SessionRecord, now: number, expiresAt: number, generation: number): void {
    const until = Math.min(now + this.maxAgeMs, expiresAt);
    if (!this.enabled || until <= now || generation !== this.evictions) return;
    // Re-inserting moves the key to the end, so the first key is always the oldest entry.
    if (!this.entries.delete(hash) && this.entries.size >= this.maxEntries) {
      const oldest = this.entries.keys().next().value;
      if (oldest !== undefined) this.entries.delete(oldest);
    }
    this.entries.set(hash, { record, until });
  }

  evict(hash: string): void {
    this.evictions += 1;
    this.entries.delete(hash);
  }
}
