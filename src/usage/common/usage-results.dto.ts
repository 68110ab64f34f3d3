import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';

/**
 * One row of usage, in the upstream usage results' shape (Genesys
 * `ApiUsageQueryResult.results[]`), so one frontend chart serves both the upstream's
 * figures and the BFF's own. Grouping fields appear only when grouped by them.
 */
export class UsageRowDto {
  /** Start of the Day / Week (Monday) / Month bucket, UTC, ISO 8601. */
  @ApiProperty({ example: '2026-11-29T00:00:00.000Z' })
  date: string;

  @ApiPropertyOptional({ example: 'genesys' })
  provider?: string;

  @ApiPropertyOptional({ example: '/api/v2/users/me' })
  templateUri?: string;

  @ApiPropertyOptional({ example: 'GET' })
  httpMethod?: string;

  @ApiPropertyOptional({ format: 'uuid' })
  userId?: string;

  @ApiPropertyOptional({ description: 'Upstream only: the OAuth client.' })
  clientId?: string;

  @ApiPropertyOptional({ description: 'Upstream only.' })
  clientName?: string;

  @ApiPropertyOptional({ description: 'Upstream only.' })
  organizationId?: string;

  @ApiPropertyOptional()
  status200?: number;

  @ApiPropertyOptional()
  status300?: number;

  @ApiPropertyOptional({ description: '4xx other than 429.' })
  status400?: number;

  @ApiPropertyOptional()
  status500?: number;

  @ApiPropertyOptional()
  status429?: number;

  @ApiPropertyOptional()
  requests?: number;
}

export class UsageCursorsDto {
  @ApiPropertyOptional()
  before?: string;

  @ApiPropertyOptional()
  after?: string;
}

export class UsageResultsDto {
  @ApiProperty({ type: [UsageRowDto] })
  results: UsageRowDto[];

  /** Always `Complete` here; kept so the shape matches the upstream's. */
  @ApiProperty({ enum: ['Complete'] })
  queryStatus: 'Complete';

  /** The upstream's paging cursors, passed through (absent for local usage). */
  @ApiPropertyOptional({ type: UsageCursorsDto })
  cursors?: UsageCursorsDto;
}
