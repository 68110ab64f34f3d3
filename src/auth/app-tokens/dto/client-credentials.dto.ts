import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ArrayMaxSize, IsArray, IsOptional, Matches } from 'class-validator';

export class ClientCredentialsRequestDto {
  /** Scopes to ask for; the provider's configured scopes when absent. */
  @ApiPropertyOptional({ type: [String], example: ['users:readonly'] })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(50)
  @Matches(/^[\x21\x23-\x5b\x5d-\x7e]{1,200}$/, { each: true })
  scopes?: string[];
}

export class ClientCredentialsResponseDto {
  @ApiProperty({ example: 'genesys' })
  provider: string;

  /** Scopes the token carries (as the provider names them, or as requested when it does not say). */
  @ApiProperty({ type: [String], example: ['users:readonly'] })
  scopes: string[];

  /** When the cached token expires (ISO 8601). The token itself is never shown. */
  @ApiProperty({ example: '2026-04-01T12:00:00.000Z' })
  expiresAt: string;
}
