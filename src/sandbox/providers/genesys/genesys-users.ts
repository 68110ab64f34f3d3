import type { SandboxUser } from '../../core/contract.js';

/**
 * Genesys user ids are UUIDs while the sandbox seed numbers its users; derive a
 * stable UUID from the number so ids survive a reset.
 */
export function genesysUserId(user: SandboxUser): string {
  return `00000000-0000-4000-8000-${user.id.toString(16).padStart(12, '0')}`;
}

/** The subset of the platform's User entity that `GET /api/v2/users/me` returns here. */
export function userEntity(user: SandboxUser) {
  const id = genesysUserId(user);
  return {
    id,
    name: user.displayName,
    email: user.email,
    username: user.username,
    state: 'active',
    version: 1,
    acdAutoAnswer: false,
    selfUri: `/api/v2/users/${id}`,
  };
}
