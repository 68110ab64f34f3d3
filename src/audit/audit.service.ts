import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import type { Repository } from 'typeorm';
import { redactDeep } from '../logging/redact.js';
import { AuditEventEntity, type AuditOutcome } from './audit-event.entity.js';

export interface AuditRecord {
  actorUserId?: string | null;
  action: string;
  targetType: string;
  targetId?: string | null;
  outcome: AuditOutcome;
  ip?: string | null;
  userAgent?: string | null;
  requestId?: string | null;
  details?: Record<string, unknown>;
}

/** Appends audit events; details pass the same redaction as logs so no credential is stored. */
@Injectable()
export class AuditService {
  constructor(@InjectRepository(AuditEventEntity) private readonly events: Repository<AuditEventEntity>) {}

  async record(event: AuditRecord): Promise<void> {
    await this.events.save(
      this.events.create({
      actorUserId: event.actorUserId ?? null,
      action: event.action,
      targetType: event.targetType,
      targetId: event.targetId ?? null,
      outcome: event.outcome,
      ip: event.ip ?? null,
      userAgent: event.userAgent?.slice(0, 512) ?? null,
      requestId: event.requestId ?? null,
        details: redactDeep(event.details ?? {}) as Record<string, unknown>,
      }),
    );
  }
}
