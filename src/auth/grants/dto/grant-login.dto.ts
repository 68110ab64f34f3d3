import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsString, Length, Matches } from 'class-validator';

export class PasswordLoginRequestDto {
  @ApiProperty({ example: 'alice' })
  @IsString()
  @Length(1, 256)
  username: string;

  /** Sent once to the provider; never stored or logged. */
  @ApiProperty({ example: 'alice-password', format: 'password' })
  @IsString()
  @Length(1, 1024)
  password: string;
}

export class MeetingLoginRequestDto {
  /** The meeting's numeric id as participants know it. */
  @ApiProperty({ example: '1234567890' })
  @IsString()
  @Matches(/^\d{1,20}$/)
  meetingId: string;

  /** Moderator or attendee passcode; which one decides the role. */
  @ApiProperty({ example: '1234', format: 'password' })
  @IsString()
  @Length(1, 64)
  passcode: string;
}

export class MeetingContextDto {
  @ApiProperty({ example: '1234567890' })
  id: string;

  @ApiProperty({ example: false })
  isModerator: boolean;
}

export class GrantLoginResponseDto {
  /** Public id of the new session (as in GET /v1/sessions). */
  @ApiProperty({ example: '7b0d2c8e-3f0a-4c65-9d8e-0d6f1f3a2b11' })
  sessionId: string;

  @ApiProperty({ example: 'bluejeans' })
  provider: string;

  /** Absolute expiry (ISO 8601); for a meeting session, when the meeting token expires. */
  @ApiProperty({ example: '2026-04-01T12:00:00.000Z' })
  expiresAt: string;

  /** Meeting logins only. */
  @ApiPropertyOptional({ type: MeetingContextDto })
  meeting?: MeetingContextDto;
}
