import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { DomainError } from '../common/errors/domain-error.js';
import { preparedQuery } from '../database/prepared-query.js';
import type { SessionRecord } from '../sessions/session.types.js';
import type { MeDto } from './dto/me.dto.js';
import { toMeDto, type MeAccountRow, type MeUserRow } from './me.mapper.js';

// One indexed round trip (users by primary key, linked_accounts by idx_linked_accounts_user),
// only the columns /me shows: no entity hydration, never the token ciphertexts.
const ME_QUERY = `
  SELECT u.id, u.display_name, u.email, u.roles, u.created_at, u.last_login_at,
         a.provider, a.subject, a.scopes, a.grant_type, a.status, a.access_expires_at, a.refresh_expires_at, a.created_at AS linked_at
  FROM users u LEFT JOIN linked_accounts a ON a.user_id = u.id
  WHERE u.id = $1
  ORDER BY a.provider ASC, a.created_at ASC`;

type Row = MeUserRow & { [K in keyof MeAccountRow]: MeAccountRow[K] | null };

/** What `GET /v1/auth/me` answers, read in one query. Shared by the controller and the edge handler. */
@Injectable()
export class MeReader {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async read(session: SessionRecord): Promise<MeDto> {
    const rows = await preparedQuery<Row>(this.dataSource, 'bff_me', ME_QUERY, [session.userId]);
    // A session can outlive its user only if the user was deleted behind it.
    if (rows.length === 0) throw new DomainError('unauthenticated', 401, 'The session no longer has a user.');
    const accounts = rows.filter((r): r is Row & MeAccountRow => r.provider !== null);
    return toMeDto(rows[0]!, accounts, session);
  }
}
