import { Inject, Injectable, type OnModuleDestroy, type OnModuleInit } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { APP_CONFIG, type AppConfig } from '../config/app-config.js';
import { KvStore } from '../redis/kv-store.port.js';
import { SESSION_CHANGED, SessionCache } from './session-cache.js';
import { SESSION_CLOCK, type Clock } from './session-clock.js';
import { UnauthenticatedError } from './session-errors.js';
import { SessionStore, type IndexedSession } from './session-store.js';
import { hashSessionToken, isWellFormedSessionToken, newSessionToken } from './session-token.js';
import type { NewSession, SessionKind, SessionRecord } from './session.types.js';

/** lastSeenAt (and the idle TTL) is rewritten at most this often, so busy sessions do not write on every request. */
export const SLIDING_WRITE_INTERVAL_MS = 60_000;
const MAX_USER_AGENT = 512;

export type SessionPatch = Partial<Pick<SessionRecord, 'roles' | 'providers' | 'context'>>;

export interface IssuedSession {
  token: string;
  session: SessionRecord;
}

/**
 * Server-side sessions: the token is shown once to the caller and only its hash is
 * stored. Idle and absolute expiry are enforced here on every read, not only by TTL.
 */
@Injectable()
export class SessionService implements OnModuleInit, OnModuleDestroy {
  private readonly store: SessionStore;
  private readonly cache: SessionCache;
  private unsubscribe?: () => Promise<void>;

  constructor(
    @Inject(KvStore) private readonly kv: KvStore,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(SESSION_CLOCK) private readonly now: Clock,
  ) {
    this.store = new SessionStore(kv);
    this.cache = new SessionCache(config.sessions.cacheMaxAgeMs, config.sessions.cacheMaxEntries);
  }

  async onModuleInit(): Promise<void> {
    if (!this.cache.enabled) return;
    // Best effort: without the subscription the cache's max age still bounds staleness.
    this.unsubscribe = await this.kv.subscribe(SESSION_CHANGED, (hash) => this.cache.evict(hash)).catch(() => undefined);
  }

  async onModuleDestroy(): Promise<void> {
    await this.unsubscribe?.().catch(() => undefined);
  }

  /** A session was ended or rewritten: drop it from this instance's cache at once and from every other's by pub/sub. */
  private async changed(hash: string): Promise<void> {
    this.cache.evict(hash);
    await this.kv.publish(SESSION_CHANGED, hash).catch(() => undefined);
  }

  /** Idle and absolute lifetimes in ms for a kind of session. */
  timeouts(kind: SessionKind): { idleMs: number; absoluteMs: number } {
    const s = this.config.sessions;
    return kind === 'native'
      ? { idleMs: s.nativeIdleSeconds * 1000, absoluteMs: s.nativeAbsoluteSeconds * 1000 }
      : { idleMs: s.idleSeconds * 1000, absoluteMs: s.absoluteSeconds * 1000 };
  }

  /** When the record stops being valid: idle deadline or absolute deadline, whichever is first. */
  private expiresAt(record: SessionRecord): number {
    return Math.min(record.lastSeenAt + this.timeouts(record.kind).idleMs, record.absoluteExpiresAt);
  }

  private isExpired(record: SessionRecord, now: number): boolean {
    return now >= this.expiresAt(record);
  }

  async create(input: NewSession): Promise<IssuedSession> {
    const now = this.now();
    const record: SessionRecord = {
      id: randomUUID(),
      userId: input.userId,
      kind: input.kind,
      roles: [...new Set(input.roles)],
      providers: [...new Set(input.providers)],
      createdAt: now,
      lastSeenAt: now,
      absoluteExpiresAt: Math.min(now + this.timeouts(input.kind).absoluteMs, input.absoluteExpiresAt ?? Infinity),
      userAgent: input.userAgent?.slice(0, MAX_USER_AGENT),
      ip: input.ip,
      context: input.context,
    };
    const token = newSessionToken();
    await this.store.insert(hashSessionToken(token), record, this.expiresAt(record) - now, now);
    return { token, session: record };
  }

  /** The live session a token names, or null. Garbage never throws; only a store outage does (503). */
  async resolve(token: string): Promise<SessionRecord | null> {
    if (!isWellFormedSessionToken(token)) return null;
    return this.resolveHash(hashSessionToken(token));
  }

  /**
   * resolve() through the in-memory SessionCache, for the relay's hot path: a session ended
   * or changed on any instance is dropped from it at once through pub/sub, and an entry
   * lives at most SESSION_CACHE_MAX_AGE_MS whatever happens to a notification.
   */
  async resolveCached(token: string): Promise<SessionRecord | null> {
    if (!isWellFormedSessionToken(token)) return null;
    const hash = hashSessionToken(token);
    const now = this.now();
    const cached = this.cache.get(hash, now);
    if (cached && !this.isExpired(cached, now)) return cached;
    return this.readThrough(hash, now);
  }

  /**
   * The store's answer for a token, whatever the cache holds: a live session refreshes its
   * entry, a session that is gone is dropped from it. The relay asks this before refusing
   * on account grounds (not linked, reauth), so a session ended on another instance whose
   * notification has not arrived yet answers 401, not 409. Only a session that is really
   * gone evicts (and so bumps the generation); a refusal on a live session, which a client
   * can repeat, costs one store read and no eviction.
   */
  async revalidate(token: string): Promise<SessionRecord | null> {
    if (!isWellFormedSessionToken(token)) return null;
    const hash = hashSessionToken(token);
    const record = await this.readThrough(hash, this.now());
    if (!record) this.cache.evict(hash);
    return record;
  }

  /** The store's record, kept in the cache unless an eviction arrived while it was read (see SessionCache.generation). */
  private async readThrough(hash: string, now: number): Promise<SessionRecord | null> {
    const generation = this.cache.generation;
    const record = await this.resolveHash(hash);
    if (record) this.cache.set(hash, record, now, this.expiresAt(record), generation);
    return record;
  }

  private async resolveHash(hash: string): Promise<SessionRecord | null> {
    const record = await this.store.read(hash);
    if (!record) return null;
    const now = this.now();
    if (this.isExpired(record, now)) {
      await this.store.remove(hash, record.userId);
      return null;
    }
    if (now - record.lastSeenAt < SLIDING_WRITE_INTERVAL_MS) return record;
    const touched = { ...record, lastSeenAt: now };
    return (await this.store.rewrite(hash, touched, this.expiresAt(touched) - now)) ? touched : null;
  }

  /** The user's live sessions, newest first. */
  async list(userId: string): Promise<SessionRecord[]> {
    return (await this.live(userId)).map((entry) => entry.record).sort((a, b) => b.createdAt - a.createdAt);
  }

  /** Ends one of the user's sessions by its public id; false when the user has no such session. */
  async revoke(userId: string, sessionId: string): Promise<boolean> {
    const target = (await this.live(userId)).find((entry) => entry.record.id === sessionId);
    if (!target) return false;
    await this.store.remove(target.hash, userId);
    await this.changed(target.hash);
    return true;
  }

  /** Ends all the user's sessions, optionally keeping one (the caller's own); returns how many ended. */
  async revokeAll(userId: string, opts: { exceptSessionId?: string } = {}): Promise<number> {
    return this.removeWhere(userId, (record) => record.id !== opts.exceptSessionId);
  }

  /** Logout: ends the session a token names; false when it was already gone. */
  async revokeByToken(token: string): Promise<boolean> {
    if (!isWellFormedSessionToken(token)) return false;
    const hash = hashSessionToken(token);
    await this.store.clearEnded(hash);
    const record = await this.store.read(hash);
    if (!record) return false;
    await this.store.remove(hash, record.userId);
    await this.changed(hash);
    return true;
  }

  /**
   * Ends the sessions that depend on a linked account whose refresh token was refused.
   * Each leaves a marker (for as long as it would have lived) naming the provider, written
   * before the session is removed: a request presenting its token, racing the refusal or
   * coming after it, then answers 401 reauth_required for that provider, never a
   * timing-dependent `unauthenticated`. A new login replaces the token.
   */
  async revokeForProvider(userId: string, provider: string): Promise<number> {
    const now = this.now();
    const doomed = (await this.live(userId)).filter((entry) => entry.record.providers.includes(provider));
    await Promise.all(
      doomed.map(async (entry) => {
        await this.store.markEnded(entry.hash, provider, this.expiresAt(entry.record) - now);
        await this.store.remove(entry.hash, userId);
        await this.changed(entry.hash);
      }),
    );
    return doomed.length;
  }

  /** For a token that names no live session: the provider whose refused refresh ended it, if that is why. */
  async endedFor(token: string): Promise<string | null> {
    if (!isWellFormedSessionToken(token)) return null;
    return this.store.endedFor(hashSessionToken(token));
  }

  /**
   * A new token for the same session (privilege change, account linking); the old
   * token stops working at once. Throws 401 when the old token names no live session.
   */
  async rotate(token: string): Promise<IssuedSession> {
    if (!isWellFormedSessionToken(token)) throw new UnauthenticatedError('The session is invalid or has expired.');
    const oldHash = hashSessionToken(token);
    // getDel: of two concurrent rotations only one gets the record.
    const record = await this.store.take(oldHash);
    const now = this.now();
    if (!record || this.isExpired(record, now)) {
      if (record) await this.store.remove(oldHash, record.userId);
      throw new UnauthenticatedError('The session is invalid or has expired.');
    }
    const session = { ...record, lastSeenAt: now };
    const fresh = newSessionToken();
    await this.store.insert(hashSessionToken(fresh), session, this.expiresAt(session) - now, now);
    // Drops the old index entry, and the old key again in case a sliding write re-created it meanwhile.
    await this.store.remove(oldHash, record.userId);
    await this.changed(oldHash);
    return { token: fresh, session };
  }

  /** Changes roles, providers (deduplicated) or context of a live session; null when it is gone. Timeouts are unchanged. */
  async update(token: string, patch: SessionPatch): Promise<SessionRecord | null> {
    if (!isWellFormedSessionToken(token)) return null;
    const hash = hashSessionToken(token);
    const record = await this.store.read(hash);
    const now = this.now();
    if (!record || this.isExpired(record, now)) return null;
    const next: SessionRecord = {
      ...record,
      ...(patch.roles ? { roles: [...new Set(patch.roles)] } : {}),
      ...(patch.providers ? { providers: [...new Set(patch.providers)] } : {}),
      ...(patch.context ? { context: patch.context } : {}),
    };
    const kept = await this.store.rewrite(hash, next, this.expiresAt(next) - now);
    await this.changed(hash);
    return kept ? next : null;
  }

  private async live(userId: string): Promise<IndexedSession[]> {
    const now = this.now();
    return (await this.store.listByUser(userId, now)).filter((entry) => !this.isExpired(entry.record, now));
  }

  private async removeWhere(userId: string, predicate: (record: SessionRecord) => boolean): Promise<number> {
    const doomed = (await this.live(userId)).filter((entry) => predicate(entry.record));
    await Promise.all(
      doomed.map(async (entry) => {
        await this.store.remove(entry.hash, userId);
        await this.changed(entry.hash);
      }),
    );
    return doomed.length;
  }
}
