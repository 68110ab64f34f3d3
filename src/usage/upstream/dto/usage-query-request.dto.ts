import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsIn, IsInt, IsOptional, IsString, Matches, Max, Min } from 'class-validator';

export const USAGE_GRANULARITIES = ['Day', 'Week', 'Month'] as const;
export const USAGE_METRICS = ['Status200', 'Status300', 'Status400', 'Status500', 'Status429', 'Requests'] as const;
export const USAGE_GROUP_BY = ['OAuthClientId', 'OrganizationId', 'TemplateUri', 'HttpMethod'] as const;
export const MAX_WAIT_SECONDS = 20;

/** The upstream's `ApiUsageClientQuery` (UPSTREAMS.md), validated to its enums before anything is sent. */
export class UsageQueryRequestDto {
  /** ISO-8601 `start/end`; start before end, at most the provider's limit (366 days for Genesys). */
  @ApiProperty({ example: '2026-11-01T00:00:00Z/2026-11-29T00:00:00Z' })
  @IsString()
  @Matches(/^[^/\s]{1,40}\/[^/\s]{1,40}$/)
  interval: string;

  @ApiPropertyOptional({ enum: USAGE_GRANULARITIES, default: 'Day' })
  @IsOptional()
  @IsIn(USAGE_GRANULARITIES)
  granularity?: (typeof USAGE_GRANULARITIES)[number];

  @ApiPropertyOptional({ enum: USAGE_METRICS, isArray: true })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(USAGE_METRICS.length)
  @IsIn(USAGE_METRICS, { each: true })
  metrics?: (typeof USAGE_METRICS)[number][];

  @ApiPropertyOptional({ enum: USAGE_GROUP_BY, isArray: true })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(USAGE_GROUP_BY.length)
  @IsIn(USAGE_GROUP_BY, { each: true })
  groupBy?: (typeof USAGE_GROUP_BY)[number][];
}

export class UsageSummaryQueryDto {
  /** Previous number of days; default 7. */
  @ApiPropertyOptional({ default: 7, minimum: 1, maximum: 366 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(366)
  days?: number;
}

export class UsageWaitQueryDto {
  /** Poll the upstream (with backoff) for up to this long and answer as soon as the result is complete. */
  @ApiPropertyOptional({ default: 0, minimum: 0, maximum: MAX_WAIT_SECONDS })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(0)
  @Max(MAX_WAIT_SECONDS)
  waitSeconds?: number;
}
