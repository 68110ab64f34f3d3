import { ApiProperty } from '@nestjs/swagger';

export class TokenInfoDto {
  @ApiProperty({ example: 'bluejeans' })
  provider: string;

  /** The provider's answer as it gave it, with credential-named keys masked. Shape differs per provider. */
  @ApiProperty({ type: 'object', additionalProperties: true, example: { scope: { user: 1001, enterprise: 1 }, expires_in: 3599 } })
  info: Record<string, unknown>;

  /** When the provider was asked (ISO 8601). */
  @ApiProperty({ example: '2026-04-01T12:00:00.000Z' })
  fetchedAt: string;

  /** True when served from the short cache (TOKEN_INFO_CACHE_SECONDS). */
  @ApiProperty({ example: false })
  cached: boolean;
}
