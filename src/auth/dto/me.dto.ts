import { LinkedAccountDto } from '../../tokens/linked-account.dto.js';

export class MeUserDto {
  id: string;
  displayName: string;
  email: string | null;
  roles: string[];
  /** ISO 8601 */
  createdAt: string;
  /** ISO 8601, or null before the first completed login. */
  lastLoginAt: string | null;
}

export class MeSessionDto {
  id: string;
  kind: 'web' | 'native';
  /** ISO 8601 */
  createdAt: string;
  /** Absolute expiry, ISO 8601; idle expiry comes sooner without activity. */
  expiresAt: string;
  /** Provider-specific context of this session (e.g. a meeting role); never a token. */
  context?: Record<string, unknown>;
}

export class MeDto {
  user: MeUserDto;
  /** Linked upstream accounts; tokens never appear here. */
  linkedAccounts: LinkedAccountDto[];
  session: MeSessionDto;
}
