import { DependencyUnavailableError } from '../common/errors/domain-error.js';
import { dependencyFailureLog } from '../logging/repeated-failure-log.js';
import type { KvStore } from '../redis/kv-store.port.js';
import type { SessionRecord } from './session.types.js';

const sessionKey = (hash: string) => `sess:${hash}`;
const userIndexKey = (userId: string) => `user-sessions:${userId}`;
// What is left of a session ended because a provider link needs a new login (see SessionService.revokeForProvider).
const endedKey = (hash: string) => `sess-ended:${hash}`;

export interface IndexedSession {
  hash: string;
  record: SessionRecord;
}

function parseRecord(raw: string | null): SessionRecord | null {
  if (raw === null) return null;
  try {
    const value = JSON.parse(raw) as Partial<SessionRecord>;
    const valid =
      typeof value.id === 'string' &&
      typeof value.userId === 'string' &&
      typeof value.createdAt === 'number' &&
      typeof value.lastSeenAt === 'number' &&
      typeof value.absoluteExpiresAt === 'number' &&
      Array.isArray(value.roles) &&
      Array.isArray(value.providers);
    // A record we cannot read is treated as no session (fail closed), never as a crash.
    return valid ? (value as SessionRecord) : null;
  } catch {
    return null;
  }
}

/**
 * Storage layout only (keys, index, ordering of writes); timeout policy lives in
 * SessionService. Every store failure becomes a 503: a session we cannot check
 * is never treated as "anonymous".
 */
export class SessionStore {
  constructor(private readonly kv: KvStore) {}

  private async call<T>(operation: () => Promise<T>): Promise<T> {
    try {
      return await operation();
    } catch (error) {
      dependencyFailureLog.warn('redis', 'session store unavailable', { reason: (error as Error)?.message ?? String(error) });
      throw new DependencyUnavailableError('redis');
    }
  }

  async read(hash: string): Promise<SessionRecord | null> {
    return parseRecord(await this.call(() => this.kv.get(sessionKey(hash))));
  }

  /** Atomically reads and deletes: only one caller can rotate a given token. */
  async take(hash: string): Promise<SessionRecord | null> {
    return parseRecord(await this.call(() => this.kv.getDel(sessionKey(hash))));
  }

  /** A new record plus its index entry (score = absolute expiry, so expired members trim by score). */
  async insert(hash: string, record: SessionRecord, ttlMs: number, now: number): Promise<void> {
    await this.call(async () => {
      await this.kv.set(sessionKey(hash), JSON.stringify(record), ttlMs);
      // The index lives as long as its longest-lived member (the store never shortens it).
      await this.kv.zAdd(userIndexKey(record.userId), record.absoluteExpiresAt, hash, record.absoluteExpiresAt - now);
    });
  }

  /**
   * Rewrites an existing record. A concurrent revoke may have deleted it between our
   * read and this write; revoke removes the index entry before the key, so checking
   * the index after writing tells us whether we just resurrected it, and undoes that.
   */
  async rewrite(hash: string, record: SessionRecord, ttlMs: number): Promise<boolean> {
    return this.call(async () => {
      await this.kv.set(sessionKey(hash), JSON.stringify(record), ttlMs);
      const members = await this.kv.zRangeByScore(userIndexKey(record.userId), record.absoluteExpiresAt, record.absoluteExpiresAt);
      if (members.includes(hash)) return true;
      await this.kv.del(sessionKey(hash));
      return false;
    });
  }

  /** Index entry first, then the record: the order rewrite() relies on. */
  async remove(hash: string, userId: string): Promise<void> {
    await this.call(async () => {
      await this.kv.zRem(userIndexKey(userId), hash);
      await this.kv.del(sessionKey(hash));
    });
  }

  /** Leaves a marker saying which provider's refusal ended the session `hash` names, for `ttlMs`. */
  async markEnded(hash: string, provider: string, ttlMs: number): Promise<void> {
    await this.call(() => this.kv.set(endedKey(hash), JSON.stringify({ provider }), Math.max(1, ttlMs)));
  }

  /** The provider whose refusal ended the session `hash` named, if there is such a marker. */
  async endedFor(hash: string): Promise<string | null> {
    const raw = await this.call(() => this.kv.get(endedKey(hash)));
    if (raw === null) return null;
    try {
      const provider = (JSON.parse(raw) as { provider?: unknown }).provider;
      return typeof provider === 'string' ? provider : null;
    } catch {
      return null;
    }
  }

  async clearEnded(hash: string): Promise<void> {
    await this.call(() => this.kv.del(endedKey(hash)));
  }

  /** The user's live records; trims absolutely expired members and members whose record is gone (idle expiry). */
  async listByUser(userId: string, now: number): Promise<IndexedSession[]> {
    return this.call(async () => {
      const index = userIndexKey(userId);
      await this.kv.zRemRangeByScore(index, 0, now);
      const hashes = await this.kv.zRangeByScore(index, now + 1, Number.MAX_SAFE_INTEGER);
      const records = await Promise.all(hashes.map(async (hash) => ({ hash, record: parseRecord(await this.kv.get(sessionKey(hash))) })));
      const gone = records.filter((entry) => entry.record === null).map((entry) => entry.hash);
      if (gone.length) await this.kv.zRem(index, ...gone);
      return records.filter((entry): entry is IndexedSession => entry.record !== null && entry.record.userId === userId);
    });
  }
}
