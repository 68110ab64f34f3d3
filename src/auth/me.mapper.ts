import type { SessionRecord } from '../sessions/session.types.js';
import type { LinkedAccountEntity } from '../tokens/linked-account.entity.js';
import { toLinkedAccountView } from '../tokens/linked-account.view.js';
import type { UserEntity } from '../users/user.entity.js';
import type { MeDto } from './dto/me.dto.js';

export function toMeDto(user: UserEntity, accounts: LinkedAccountEntity[], session: SessionRecord): MeDto {
  return {
    user: {
      id: user.id,
      displayName: user.displayName,
      email: user.email,
      roles: user.roles,
      createdAt: user.createdAt.toISOString(),
      lastLoginAt: user.lastLoginAt?.toISOString() ?? null,
    },
    linkedAccounts: accounts.map(toLinkedAccountView),
    session: {
      id: session.id,
      kind: session.kind,
      createdAt: new Date(session.createdAt).toISOString(),
      expiresAt: new Date(session.absoluteExpiresAt).toISOString(),
      ...(session.context ? { context: session.context } : {}),
    },
  };
}
