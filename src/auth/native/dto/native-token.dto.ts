import { ApiProperty } from '@nestjs/swagger';
import { IsString, Length, Matches } from 'class-validator';

export class NativeTokenRequestDto {
  /** The one-time hand-off code from the app redirect (`?code=`); valid for 60 s, once. */
  @ApiProperty({ example: 'q3J9bS0xQ2x2dF9Wb3N0c2VjcmV0LW5vdC1yZWFsLWNvZGU' })
  @IsString()
  @Length(1, 256)
  code: string;

  /** The PKCE verifier whose S256 challenge the app sent to `/login` (RFC 7636: 43-128 unreserved characters). */
  @ApiProperty({ example: 'dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk' })
  @IsString()
  @Matches(/^[A-Za-z0-9._~-]{43,128}$/)
  codeVerifier: string;
}

export class NativeTokenResponseDto {
  /** Opaque session token for `Authorization: Bearer`; not a provider token. */
  @ApiProperty({ example: 'Xk2c1rG1G0n8Fh4a9Qy5lq1b0r3tN3Z2w7k8Jd6s0pQ' })
  token: string;

  @ApiProperty({ enum: ['Bearer'], example: 'Bearer' })
  tokenType: 'Bearer';

  /** Absolute expiry of the session (ISO 8601); idle expiry comes sooner without use. */
  @ApiProperty({ example: '2026-04-01T12:00:00.000Z' })
  expiresAt: string;
}
