import type { SessionRecord } from '../sessions/session.types.js';
import type { LinkedAccountDto } from '../tokens/linked-account.dto.js';
import type { LinkedAccountStatus, LinkGrantType } from '../tokens/linked-account.entity.js';
import type { MeDto } from './dto/me.dto.js';

/** The `users` columns /me shows, as the query returns them. */
export interface MeUserRow {
  id: string;
  display_name: string;
  email: string | null;
  roles: string[];
  created_at: Date;
  last_login_at: Date | null;
}

/** The `linked_accounts` columns /me shows (an explicit allowlist: never the ciphertexts). */
export interface MeAccountRow {
  provider: string;
  subject: string;
  scopes: string[];
  grant_type: LinkGrantType;
  status: LinkedAccountStatus;
  access_expires_at: Date | null;
  refresh_expires_at: Date | null;
  linked_at: Date;
}

function toAccountView(row: MeAccountRow): LinkedAccountDto {
  return {
    provider: row.provider,
    subject: row.subject,
    scopes: row.scopes,
    grantType: row.grant_type,
    status: row.status,
    accessExpiresAt: row.access_expires_at?.toISOString() ?? null,
    refreshExpiresAt: row.refresh_expires_at?.toISOString() ?? null,
    linkedAt: row.linked_at.toISOString(),
  };
}

export function toMeDto(user: MeUserRow, accounts: MeAccountRow[], session: SessionRecord): MeDto {
  return {
    user: {
      id: user.id,
      displayName: user.display_name,
      email: user.email,
      roles: user.roles,
      createdAt: user.created_at.toISOString(),
      lastLoginAt: user.last_login_at?.toISOString() ?? null,
    },
    linkedAccounts: accounts.map(toAccountView),
    session: {
      id: session.id,
      kind: session.kind,
      createdAt: new Date(session.createdAt).toISOString(),
      expiresAt: new Date(session.absoluteExpiresAt).toISOString(),
      ...(session.context ? { context: session.context } : {}),
    },
  };
}
