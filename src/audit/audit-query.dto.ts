import { Type } from 'class-transformer';
import { IsInt, IsISO8601, IsOptional, IsUUID, Matches, Max, Min } from 'class-validator';

/** Filters of GET /v1/admin/audit; every one optional, combined with AND. */
export class AuditQueryDto {
  /** Acting user id. */
  @IsOptional()
  @IsUUID()
  actor?: string;

  /** @example "client_create" */
  @IsOptional()
  @Matches(/^[a-z][a-z0-9_]{0,63}$/)
  action?: string;

  /** Provider id recorded with the event. @example "genesys" */
  @IsOptional()
  @Matches(/^[a-z0-9](?:[a-z0-9-]{0,38}[a-z0-9])?$/)
  provider?: string;

  /** Inclusive lower bound, ISO 8601. */
  @IsOptional()
  @IsISO8601({ strict: true })
  from?: string;

  /** Exclusive upper bound, ISO 8601. */
  @IsOptional()
  @IsISO8601({ strict: true })
  to?: string;

  /** @example 50 */
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(200)
  limit?: number;

  /** `nextCursor` of the previous page. */
  @IsOptional()
  @Matches(/^[A-Za-z0-9_-]{1,200}$/)
  cursor?: string;
}

export class AuditEventDto {
  id: string;
  /** ISO 8601 */
  occurredAt: string;
  actorUserId: string | null;
  /** @example "client_create" */
  action: string;
  targetType: string;
  targetId: string | null;
  outcome: 'success' | 'failure';
  requestId: string | null;
  ip: string | null;
  userAgent: string | null;
  /** Redacted when written; never a credential. */
  details: Record<string, unknown>;
}

export class AuditPageDto {
  /** Newest first. */
  items: AuditEventDto[];
  /** Pass as `cursor` for the next (older) page; absent on the last page. */
  nextCursor?: string;
}
