import { Inject, Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { APP_CONFIG, type AppConfig } from '../config/app-config.js';
import { KvStore } from '../redis/kv-store.port.js';
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
export class SessionService {
  private readonly store: SessionStore;

  constructor(
    @Inject(KvStore) kv: KvStore,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(SESSION_CLOCK) private readonly now: Clock,
  ) {
    this.store = new SessionStore(kv);
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
    const hash = hashSessionToken(token);
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
    const record = await this.store.read(hash);
    if (!record) return false;
    await this.store.remove(hash, record.userId);
    return true;
  }

  /** Ends the sessions that depend on a linked account (e.g. its refresh token was rejected). */
  async revokeForProvider(userId: string, provider: string): Promise<number> {
    return this.removeWhere(userId, (record) => record.providers.includes(provider));
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
    return (await this.store.rewrite(hash, next, this.expiresAt(next) - now)) ? next : null;
  }

  private async live(userId: string): Promise<IndexedSession[]> {
    const now = this.now();
    return (await this.store.listByUser(userId, now)).filter((entry) => !this.isExpired(entry.record, now));
  }

  private async removeWhere(userId: string, predicate: (record: SessionRecord) => boolean): Promise<number> {
    const doomed = (await this.live(userId)).filter((entry) => predicate(entry.record));
    await Promise.all(doomed.map((entry) => this.store.remove(entry.hash, userId)));
    return doomed.length;
  }
}
