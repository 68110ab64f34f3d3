import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsISO8601, IsOptional, IsUUID, Matches } from 'class-validator';
import { STATUS_CLASSES, type StatusClass } from '../metering/usage-classify.js';

export const LOCAL_GROUP_BY = ['Provider', 'TemplateUri', 'HttpMethod', 'UserId'] as const;
export type LocalGroupBy = (typeof LOCAL_GROUP_BY)[number];
export const GRANULARITIES = ['Day', 'Week', 'Month'] as const;
export type Granularity = (typeof GRANULARITIES)[number];

const GROUP_BY_LIST = new RegExp(`^(${LOCAL_GROUP_BY.join('|')})(,(${LOCAL_GROUP_BY.join('|')}))*$`);

/** Filters and grouping for the BFF's own usage figures (`GET /v1/usage/local`). */
export class LocalUsageQueryDto {
  /** Start of the range (inclusive, ISO 8601); default: 7 days before `to`. */
  @ApiPropertyOptional({ example: '2026-11-01T00:00:00Z' })
  @IsOptional()
  @IsISO8601({ strict: true })
  from?: string;

  /** End of the range (exclusive, ISO 8601); default: now. */
  @ApiPropertyOptional({ example: '2026-12-01T00:00:00Z' })
  @IsOptional()
  @IsISO8601({ strict: true })
  to?: string;

  @ApiPropertyOptional({ example: 'genesys' })
  @IsOptional()
  @Matches(/^[a-z0-9][a-z0-9-]{0,63}$/)
  provider?: string;

  /** Ops only (`/v1/usage/local`); `/local/me` always uses the caller. */
  @ApiPropertyOptional({ format: 'uuid' })
  @IsOptional()
  @IsUUID()
  userId?: string;

  /** An allowlist route template exactly as configured, e.g. `/api/v2/users/me`. */
  @ApiPropertyOptional({ example: '/api/v2/users/me' })
  @IsOptional()
  @Matches(/^[\x21-\x7e]{1,512}$/)
  route?: string;

  @ApiPropertyOptional({ enum: STATUS_CLASSES })
  @IsOptional()
  @IsIn(STATUS_CLASSES)
  statusClass?: StatusClass;

  @ApiPropertyOptional({ enum: GRANULARITIES, default: 'Day' })
  @IsOptional()
  @IsIn(GRANULARITIES)
  granularity?: Granularity;

  /** Comma-separated: any of Provider, TemplateUri, HttpMethod, UserId. */
  @ApiPropertyOptional({ example: 'TemplateUri,HttpMethod' })
  @IsOptional()
  @Matches(GROUP_BY_LIST)
  groupBy?: string;
}
