import { ApiProperty } from '@nestjs/swagger';

export const QUERY_STATUSES = ['running', 'complete', 'failed'] as const;
export type QueryStatus = (typeof QUERY_STATUSES)[number];

/** The BFF's own handle on an upstream usage query; the upstream execution id stays server-side. */
export class UsageQueryResourceDto {
  @ApiProperty({ format: 'uuid' })
  id: string;

  @ApiProperty({ enum: QUERY_STATUSES })
  status: QueryStatus;

  @ApiProperty({ example: 'genesys' })
  provider: string;

  @ApiProperty()
  clientId: string;

  @ApiProperty({ enum: ['query', 'summary'] })
  kind: 'query' | 'summary';

  @ApiProperty({ example: '2026-11-29T12:00:00.000Z' })
  createdAt: string;

  /** After this the id answers 410 `usage_query_expired`. */
  @ApiProperty({ example: '2026-11-29T13:00:00.000Z' })
  expiresAt: string;
}
