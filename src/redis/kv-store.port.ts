/**
 * The one key-value port feature code uses. Keys are given without the
 * namespace prefix; implementations add it. Every write carries a TTL so
 * nothing lives forever by accident.
 */
export abstract class KvStore {
  /** Which implementation, for readiness and logs. */
  abstract readonly kind: 'redis' | 'memory';

  abstract get(key: string): Promise<string | null>;
  /** Returns false when `onlyIfAbsent` is set and the key already exists. */
  abstract set(key: string, value: string, ttlMs: number, opts?: { onlyIfAbsent?: boolean }): Promise<boolean>;
  /** Atomically reads and removes: the building block of single-use records. */
  abstract getDel(key: string): Promise<string | null>;
  abstract del(...keys: string[]): Promise<number>;
  /** Increments and, on the first increment, sets the expiry (fixed-window counters). */
  abstract incr(key: string, ttlMs: number): Promise<number>;
  abstract expire(key: string, ttlMs: number): Promise<boolean>;
  /** Remaining lifetime in ms, or -1 when the key is missing. */
  abstract ttl(key: string): Promise<number>;

  /** Sorted-set index: score is typically an expiry time in epoch ms. */
  abstract zAdd(key: string, score: number, member: string, ttlMs: number): Promise<void>;
  abstract zRem(key: string, ...members: string[]): Promise<number>;
  abstract zRangeByScore(key: string, min: number, max: number): Promise<string[]>;
  abstract zRemRangeByScore(key: string, min: number, max: number): Promise<number>;

  /** A lock held until released with the same token or until it expires. */
  abstract acquireLock(name: string, ttlMs: number): Promise<string | null>;
  /** Releases only if the token still owns the lock (no one else's lock is freed). */
  abstract releaseLock(name: string, token: string): Promise<boolean>;
  /** Resets the lock's TTL only if the token still owns it; false when it was lost (expired, taken). */
  abstract extendLock(name: string, token: string, ttlMs: number): Promise<boolean>;

  abstract publish(channel: string, message: string): Promise<void>;
  /** Returns a function that unsubscribes. */
  abstract subscribe(channel: string, handler: (message: string) => void): Promise<() => Promise<void>>;

  /** Throws when the store cannot be reached. */
  abstract ping(): Promise<void>;
  abstract close(): Promise<void>;
}
