import { Inject, Injectable, Logger } from '@nestjs/common';
import { AuditService } from '../audit/audit.service.js';
import type { AuditOutcome } from '../audit/audit-event.entity.js';
import type { AuthenticatedRequest } from '../sessions/session-request.js';

export type ClientAuditAction = 'client_create' | 'client_update' | 'client_delete' | 'client_secret_regenerate';

export interface ClientAuditEvent {
  action: ClientAuditAction;
  provider: string;
  /** Unknown when a create failed before the upstream named one. */
  clientId?: string;
  outcome: AuditOutcome;
  /** Whose token acted (`user`, `app`, `explicit`), and on failure the problem code. Never a secret. */
  details?: Record<string, unknown>;
}

/**
 * Client-management audit events with actor, provider, client id, outcome and
 * request id. A write the audit cannot record is logged, not failed: the upstream
 * change has happened and the caller must learn its result (and its secret) anyway.
 */
@Injectable()
export class ClientsAudit {
  private readonly logger = new Logger('ClientsAudit');

  constructor(@Inject(AuditService) private readonly audit: AuditService) {}

  async record(req: AuthenticatedRequest, event: ClientAuditEvent): Promise<void> {
    try {
      await this.audit.record({
        action: event.action,
        targetType: 'oauth_client',
        targetId: event.clientId ?? null,
        outcome: event.outcome,
        actorUserId: req.auth?.session.userId ?? null,
        ip: req.ip ?? null,
        userAgent: req.headers['user-agent'] ?? null,
        requestId: typeof req.id === 'string' ? req.id : null,
        details: { provider: event.provider, ...event.details },
      });
    } catch (error) {
      this.logger.error({ err: (error as Error).message, action: event.action, provider: event.provider }, 'client audit write failed');
    }
  }
}
