import type { SandboxUser } from '../../core/contract.js';
import type { OAuthClient } from './genesys-client-model.js';
import { genesysUserId } from './genesys-users.js';

interface AuthorizationRecord {
  clientId: string;
  userId: number;
  scopes: string[];
  dateCreated: string;
  dateModified: string;
}

/**
 * Which clients each resource owner has authorized: recorded when a code is
 * exchanged, listed by `GET /api/v2/oauth/authorizations`.
 */
export class GenesysAuthorizations {
  private readonly records = new Map<string, AuthorizationRecord>();

  reset(): void {
    this.records.clear();
  }

  record(userId: number, clientId: string, scopes: string[], nowIso: string): void {
    const key = `${userId}:${clientId}`;
    const existing = this.records.get(key);
    const merged = [...new Set([...(existing?.scopes ?? []), ...scopes])];
    this.records.set(key, { clientId, userId, scopes: merged, dateCreated: existing?.dateCreated ?? nowIso, dateModified: nowIso });
  }

  forUser(userId: number): AuthorizationRecord[] {
    return [...this.records.values()].filter((r) => r.userId === userId);
  }

  find(userId: number, clientId: string): AuthorizationRecord | undefined {
    return this.records.get(`${userId}:${clientId}`);
  }
}

/** The OAuthAuthorization entity; `client.description` is the only localizable text. */
export function authorizationEntity(record: AuthorizationRecord, client: OAuthClient | undefined, owner: SandboxUser) {
  const ownerId = genesysUserId(owner);
  const ownerRef = { id: ownerId, name: owner.displayName, selfUri: `/api/v2/users/${ownerId}` };
  return {
    client: client
      ? { id: client.id, name: client.name, description: client.description, selfUri: client.selfUri }
      : { id: record.clientId, selfUri: `/api/v2/oauth/clients/${record.clientId}` },
    scope: record.scopes,
    roles: client?.roleIds ?? [],
    resourceOwner: ownerRef,
    dateCreated: record.dateCreated,
    dateModified: record.dateModified,
    createdBy: ownerRef,
    modifiedBy: ownerRef,
    pending: false,
    state: 'Authorized',
    selfUri: `/api/v2/oauth/authorizations/${record.clientId}`,
  };
}
