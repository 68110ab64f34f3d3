import { ApiProperty } from '@nestjs/swagger';
import type { LinkedAccountStatus, LinkGrantType } from './linked-account.entity.js';

// Listed explicitly: the swagger plugin orders a union type's members by type-checker creation order, which differs between nest build and ts-jest.
const LINK_GRANT_TYPES: LinkGrantType[] = ['authorization_code', 'password', 'meeting_passcode', 'client_credentials'];

/** An upstream account linked to the user. Never carries a token. */
export class LinkedAccountDto {
  /** Provider id from the providers file. */
  provider: string;

  /** The user's stable identifier at the provider. */
  subject: string;

  /** Scopes the provider granted. */
  scopes: string[];

  /** How the link was obtained: authorization_code, password, meeting_passcode or client_credentials. */
  @ApiProperty({ enum: LINK_GRANT_TYPES })
  grantType: LinkGrantType;

  /** active, revoked, or refresh_failed (the user must log in with this provider again). */
  status: LinkedAccountStatus;

  /** When the stored access token expires (ISO 8601), or null when the provider did not say. */
  accessExpiresAt: string | null;

  /** When the stored refresh token expires (ISO 8601), or null when unknown or there is none. */
  refreshExpiresAt: string | null;

  /** When the account was first linked (ISO 8601). */
  linkedAt: string;
}
