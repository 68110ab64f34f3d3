/** A server-side session; the token that names it is never stored, only its hash. */
export type SessionKind = 'web' | 'native';

export interface SessionRecord {
  /** Public, random id (not derived from the token) used by the session API. */
  id: string;
  userId: string;
  kind: SessionKind;
  roles: string[];
  /** Providers whose linked accounts this session depends on. */
  providers: string[];
  createdAt: number;
  lastSeenAt: number;
  /** Absolute expiry (epoch ms); idle expiry is enforced by the key TTL and lastSeenAt. */
  absoluteExpiresAt: number;
  userAgent?: string;
  ip?: string;
  /** Provider-specific context, e.g. a BlueJeans meeting session's role. Never a token. */
  context?: Record<string, unknown>;
}

export interface NewSession {
  userId: string;
  kind: SessionKind;
  roles: string[];
  providers: string[];
  userAgent?: string;
  ip?: string;
  context?: Record<string, unknown>;
  /** Ends the session earlier than the kind's absolute timeout (epoch ms), e.g. when its only upstream token expires. Never later. */
  absoluteExpiresAt?: number;
}

/** What guards attach to the request for controllers. */
export interface AuthenticatedRequestContext {
  session: SessionRecord;
  /** How the request authenticated: cookie (CSRF rules apply) or bearer (native apps). */
  via: 'cookie' | 'bearer';
}
