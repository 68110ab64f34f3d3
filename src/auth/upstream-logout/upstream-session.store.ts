import { Inject, Injectable, Logger } from '@nestjs/common';
import { createHash } from 'node:crypto';
import { decodeJwt } from 'jose';
import { DependencyUnavailableError } from '../../common/errors/domain-error.js';
import { KvStore } from '../../redis/kv-store.port.js';
import type { SessionRecord } from '../../sessions/session.types.js';
import { TokenCipher } from '../../tokens/token-cipher.js';

/** One BFF session's login at an OIDC provider: the provider's session id and the (sealed) ID token. */
interface UpstreamLogin {
  sid?: string;
  /** The ID token, sealed with the token cipher (bound to this session and provider). */
  idToken?: string;
}

export interface SessionRef {
  userId: string;
  sessionId: string;
}

const loginKey = (sessionId: string, provider: string) => `upstream-login:${sessionId}:${provider}`;
// The provider's sid is hashed: it is a session identifier of another system, kept out of key names.
const sidKey = (provider: string, sid: string) => `upstream-sid:${provider}:${createHash('sha256').update(sid).digest('base64url')}`;

/**
 * What a BFF session remembers of the OIDC login it came from, in Redis next to the
 * sessions (so every instance sees it): the provider's `sid` (indexed, so a
 * back-channel logout for that sid finds our sessions) and the ID token, sealed
 * like the stored tokens, for RP-initiated logout's `id_token_hint`. Entries live
 * exactly as long as the session can (its absolute expiry) and are never the
 * source of truth for whether a session is live: the session store is.
 */
@Injectable()
export class UpstreamSessionStore {
  private readonly logger = new Logger('UpstreamSessions');

  constructor(
    @Inject(KvStore) private readonly kv: KvStore,
    @Inject(TokenCipher) private readonly cipher: TokenCipher,
  ) {}

  /**
   * Records the login behind `session` for `provider` (only when it brought an ID
   * token), and, when the session replaced `previous` (linking rotates the session),
   * carries over what `previous` remembered for its other providers.
   */
  async remember(session: SessionRecord, provider: string, idToken: string | undefined, previous?: SessionRecord): Promise<void> {
    const ttlMs = session.absoluteExpiresAt - Date.now();
    if (ttlMs <= 0) return;
    await this.guard(async () => {
      for (const other of previous?.providers.filter((p) => p !== provider) ?? []) {
        const carried = await this.read(previous!.id, other);
        if (carried) await this.write(session, other, carried, ttlMs);
      }
      if (!idToken) return;
      const sid = sidOf(idToken);
      const sealed = this.cipher.encrypt(idToken, { accountId: session.id, provider, field: 'id_token' });
      await this.write(session, provider, { sid, idToken: sealed }, ttlMs);
    });
  }

  /** Sessions (possibly already ended) whose login at `provider` had this `sid`. */
  async sessionsWithSid(provider: string, sid: string): Promise<SessionRef[]> {
    const members = await this.guard(() => this.kv.zRangeByScore(sidKey(provider, sid), Date.now(), Number.MAX_SAFE_INTEGER));
    return members.flatMap((member) => {
      const [userId, sessionId] = member.split(' ');
      return userId && sessionId ? [{ userId, sessionId }] : [];
    });
  }

  /** The ID token of the session's login at `provider`; undefined when none was kept or it no longer decrypts (its key was retired). */
  async idTokenFor(sessionId: string, provider: string): Promise<string | undefined> {
    const login = await this.guard(() => this.read(sessionId, provider));
    if (!login?.idToken) return undefined;
    try {
      return this.cipher.decrypt(login.idToken, { accountId: sessionId, provider, field: 'id_token' });
    } catch {
      this.logger.warn({ provider }, 'a stored ID token no longer decrypts; logging out upstream without id_token_hint');
      return undefined;
    }
  }

  /** Forgets a session's logins (logout). The sid index entries then point at an ended session and are skipped. */
  async forget(session: SessionRecord): Promise<void> {
    // One key per call: in Redis Cluster the keys may live on different slots.
    await this.guard(() => Promise.all(session.providers.map((p) => this.kv.del(loginKey(session.id, p)))));
  }

  private async read(sessionId: string, provider: string): Promise<UpstreamLogin | undefined> {
    const raw = await this.kv.get(loginKey(sessionId, provider));
    if (!raw) return undefined;
    try {
      return JSON.parse(raw) as UpstreamLogin;
    } catch {
      return undefined;
    }
  }

  private async write(session: SessionRecord, provider: string, login: UpstreamLogin, ttlMs: number): Promise<void> {
    await this.kv.set(loginKey(session.id, provider), JSON.stringify(login), ttlMs);
    if (login.sid) await this.kv.zAdd(sidKey(provider, login.sid), session.absoluteExpiresAt, `${session.userId} ${session.id}`, ttlMs);
  }

  private async guard<T>(work: () => Promise<T>): Promise<T> {
    try {
      return await work();
    } catch (error) {
      if (error instanceof DependencyUnavailableError) throw error;
      throw new DependencyUnavailableError('redis');
    }
  }
}

/** The `sid` claim of an ID token the adapter has already verified (this only reads it). */
function sidOf(idToken: string): string | undefined {
  try {
    const { sid } = decodeJwt(idToken);
    return typeof sid === 'string' && sid.length > 0 && sid.length <= 512 ? sid : undefined;
  } catch {
    return undefined;
  }
}
