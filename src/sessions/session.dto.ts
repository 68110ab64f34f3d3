import type { SessionKind, SessionRecord } from './session.types.js';

export class SessionDto {
  /** Public session id (never the token); use it with DELETE /v1/sessions/{id}. */
  id: string;
  /** `web` (cookie) or `native` (bearer). */
  kind: SessionKind;
  createdAt: Date;
  /** Last activity, recorded with at most one minute of lag. */
  lastSeenAt: Date;
  /** Absolute expiry: the session ends then whatever the activity. */
  expiresAt: Date;
  userAgent?: string;
  ip?: string;
  /** True for the session that made this request. */
  current: boolean;
}

export class SessionListDto {
  sessions: SessionDto[];
}

export class RevokedCountDto {
  /** How many sessions were ended. */
  revoked: number;
}

export function toSessionDto(record: SessionRecord, currentSessionId?: string): SessionDto {
  return {
    id: record.id,
    kind: record.kind,
    createdAt: new Date(record.createdAt),
    lastSeenAt: new Date(record.lastSeenAt),
    expiresAt: new Date(record.absoluteExpiresAt),
    userAgent: record.userAgent,
    ip: record.ip,
    current: record.id === currentSessionId,
  };
}
