import { Inject, Injectable, Logger } from '@nestjs/common';
import { DependencyUnavailableError } from '../common/errors/domain-error.js';
import { AuditService } from '../audit/audit.service.js';
import type { AuditOutcome } from '../audit/audit-event.entity.js';
import type { AuthenticatedRequest } from './session-request.js';

export type SessionAuditAction = 'session_list' | 'session_revoke' | 'session_revoke_all' | 'admin_session_list' | 'admin_session_revoke_all';

export interface SessionAuditEvent {
  action: SessionAuditAction;
  targetType: 'session' | 'user';
  targetId: string;
  outcome: AuditOutcome;
  /** Counts and the like; keys naming credentials (including "session…") are masked by AuditService. */
  details?: Record<string, unknown>;
}

/** Writes session-API audit events with actor, ip, user agent and request id taken from the request. */
@Injectable()
export class SessionAudit {
  private readonly logger = new Logger('SessionAudit');

  constructor(@Inject(AuditService) private readonly audit: AuditService) {}

  async record(req: AuthenticatedRequest, event: SessionAuditEvent): Promise<void> {
    try {
      await this.audit.record({
        ...event,
        actorUserId: req.auth?.session.userId ?? null,
        ip: req.ip ?? null,
        userAgent: req.headers['user-agent'] ?? null,
        requestId: typeof req.id === 'string' ? req.id : null,
      });
    } catch (error) {
      // An action we cannot record is reported as failed, so the caller retries rather than trusting it silently.
      this.logger.error({ err: error, action: event.action }, 'audit write failed');
      throw new DependencyUnavailableError('database');
    }
  }
}
