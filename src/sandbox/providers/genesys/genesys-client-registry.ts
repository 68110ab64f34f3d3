import { randomUUID } from 'node:crypto';
import type { SandboxContext, SandboxUser } from '../../core/contract.js';
import { DEFAULT_TOKEN_VALIDITY, grantTypeOf, toSandboxClient, type DomainEntityRef, type OAuthClient, type OAuthClientRequest } from './genesys-client-model.js';
import { genesysUserId } from './genesys-users.js';

/** Seeded clients predate the sandbox; a fixed date keeps responses deterministic. */
const SEED_DATE = '2024-01-01T00:00:00.000Z';

/**
 * Genesys OAuth clients. The core keeps the credentials (so the login host can
 * authenticate API-made clients); this registry keeps the platform-only
 * fields (roles, state, validity, audit dates) next to them.
 */
export class GenesysClientRegistry {
  private readonly extras = new Map<string, OAuthClient>();

  constructor(private readonly ctx: SandboxContext) {}

  reset(): void {
    this.extras.clear();
  }

  list(): OAuthClient[] {
    return this.ctx.clients('genesys').map((c) => this.get(c.clientId)!);
  }

  get(clientId: string): OAuthClient | undefined {
    const core = this.ctx.findClient('genesys', clientId);
    if (!core) return undefined;
    const extra = this.extras.get(clientId);
    // The core's secret is what the login host checks, so it is the one reported.
    if (extra) return { ...extra, secret: core.clientSecret };
    const system: DomainEntityRef = { id: 'system', name: 'Sandbox seed', selfUri: '/api/v2/users/system' };
    return {
      id: core.clientId,
      name: core.name,
      authorizedGrantType: grantTypeOf(core),
      accessTokenValiditySeconds: DEFAULT_TOKEN_VALIDITY,
      registeredRedirectUri: core.redirectUris,
      roleIds: [],
      scope: core.scopes,
      roleDivisions: [],
      state: 'active',
      secret: core.clientSecret,
      dateCreated: SEED_DATE,
      dateModified: SEED_DATE,
      createdBy: system,
      modifiedBy: system,
      selfUri: this.selfUri(core.clientId),
    };
  }

  create(request: OAuthClientRequest, by: SandboxUser | undefined): OAuthClient {
    const now = new Date(this.ctx.now()).toISOString();
    const id = randomUUID();
    const client: OAuthClient = {
      ...request,
      id,
      secret: this.ctx.randomToken(),
      dateCreated: now,
      dateModified: now,
      createdBy: this.actor(by),
      modifiedBy: this.actor(by),
      selfUri: this.selfUri(id),
    };
    this.save(client);
    return client;
  }

  /** PUT replaces every writable field; id, secret and creation audit stay. */
  update(clientId: string, request: OAuthClientRequest, by: SandboxUser | undefined): OAuthClient | undefined {
    const current = this.get(clientId);
    if (!current) return undefined;
    const { description: _d, dateToDelete: _t, ...kept } = current;
    const updated: OAuthClient = {
      ...kept,
      ...request,
      dateModified: new Date(this.ctx.now()).toISOString(),
      modifiedBy: this.actor(by),
    };
    this.save(updated);
    return updated;
  }

  regenerateSecret(clientId: string, by: SandboxUser | undefined): OAuthClient | undefined {
    const current = this.get(clientId);
    if (!current) return undefined;
    const updated = { ...current, secret: this.ctx.randomToken(), dateModified: new Date(this.ctx.now()).toISOString(), modifiedBy: this.actor(by) };
    this.save(updated);
    return updated;
  }

  delete(clientId: string): boolean {
    this.extras.delete(clientId);
    return this.ctx.removeClient('genesys', clientId);
  }

  private save(client: OAuthClient): void {
    this.extras.set(client.id, client);
    this.ctx.upsertClient(toSandboxClient(client));
  }

  // The platform's selfUris are paths relative to the API host.
  private selfUri(clientId: string): string {
    return `/api/v2/oauth/clients/${clientId}`;
  }

  // Client-credentials callers have no user; the platform then names the client itself.
  private actor(user: SandboxUser | undefined): DomainEntityRef {
    const id = user ? genesysUserId(user) : 'client-credentials';
    return { id, name: user?.displayName, selfUri: `/api/v2/users/${id}` };
  }
}
