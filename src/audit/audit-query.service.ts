import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import type { Repository } from 'typeorm';
import { DependencyUnavailableError, DomainError } from '../common/errors/domain-error.js';
import { ErrorCode } from '../common/errors/error-code.js';
import { AuditEventEntity } from './audit-event.entity.js';
import type { AuditEventDto, AuditPageDto, AuditQueryDto } from './audit-query.dto.js';

const DEFAULT_LIMIT = 50;
// Postgres' timestamptz text, e.g. `2026-11-29 16:20:01.123456+00`.
const PG_TIMESTAMP = /^\d{4}-\d{2}-\d{2}[ T]\d{2}:\d{2}:\d{2}(?:\.\d{1,6})?(?:Z|[+-]\d{2}(?::?\d{2})?)$/;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

interface Cursor {
  /** Postgres' own text of occurred_at: exact to the microsecond, unlike a JS Date. */
  at: string;
  id: string;
}

const badCursor = () => new DomainError(ErrorCode.ValidationFailed, 400, 'Invalid query: cursor.', { errors: [{ field: 'cursor', problems: ['cursor'] }] });

function encodeCursor(cursor: Cursor): string {
  return Buffer.from(JSON.stringify([cursor.at, cursor.id])).toString('base64url');
}

function decodeCursor(raw: string): Cursor {
  try {
    const [at, id] = JSON.parse(Buffer.from(raw, 'base64url').toString('utf8')) as unknown[];
    if (typeof at === 'string' && typeof id === 'string' && UUID.test(id) && PG_TIMESTAMP.test(at)) return { at, id };
  } catch {
    // fall through
  }
  throw badCursor();
}

/**
 * The audit read side for ops: filters on actor, action, provider (recorded in
 * `details.provider`) and time, newest first, keyset paging on (occurred_at, id) so
 * pages stay stable while events keep arriving.
 */
@Injectable()
export class AuditQueryService {
  constructor(@InjectRepository(AuditEventEntity) private readonly events: Repository<AuditEventEntity>) {}

  async page(query: AuditQueryDto): Promise<AuditPageDto> {
    const limit = query.limit ?? DEFAULT_LIMIT;
    const qb = this.events.createQueryBuilder('e').addSelect('e.occurred_at::text', 'at_text');
    if (query.actor) qb.andWhere('e.actor_user_id = :actor', { actor: query.actor });
    if (query.action) qb.andWhere('e.action = :action', { action: query.action });
    if (query.provider) qb.andWhere(`e.details ->> 'provider' = :provider`, { provider: query.provider });
    if (query.from) qb.andWhere('e.occurred_at >= CAST(:from AS timestamptz)', { from: query.from });
    if (query.to) qb.andWhere('e.occurred_at < CAST(:to AS timestamptz)', { to: query.to });
    if (query.cursor) {
      const cursor = decodeCursor(query.cursor);
      qb.andWhere('(e.occurred_at, e.id) < (CAST(:at AS timestamptz), CAST(:id AS uuid))', cursor);
    }
    qb.orderBy('e.occurred_at', 'DESC').addOrderBy('e.id', 'DESC').limit(limit + 1);
    let result: { entities: AuditEventEntity[]; raw: { at_text: string }[] };
    try {
      result = await qb.getRawAndEntities();
    } catch {
      throw new DependencyUnavailableError('database');
    }
    const items = result.entities.slice(0, limit);
    const last = items.at(-1);
    const more = result.entities.length > limit && last;
    return { items: items.map(toDto), ...(more ? { nextCursor: encodeCursor({ at: result.raw[limit - 1].at_text, id: last.id }) } : {}) };
  }
}

function toDto(e: AuditEventEntity): AuditEventDto {
  return {
    id: e.id,
    occurredAt: e.occurredAt.toISOString(),
    actorUserId: e.actorUserId,
    action: e.action,
    targetType: e.targetType,
    targetId: e.targetId,
    outcome: e.outcome,
    requestId: e.requestId,
    ip: e.ip,
    userAgent: e.userAgent,
    details: e.details,
  };
}
