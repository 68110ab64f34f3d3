import type { ProviderAdapter } from '../../providers/provider-adapter.js';
import type { ManagementAuthorityService } from '../authority/management-authority.service.js';
import type { ManagementActor, ManagementAuthority } from '../authority/management-call.js';
import type { ClientApplicationEntity } from '../registry/client-application.entity.js';
import type { ClientInputDto } from '../dto/client-request.dto.js';
import type { AuthorizationDto, ClientDto, ClientPageDto, ScopeDto } from '../dto/client.dto.js';

/** Everything one upstream call needs: who acts, with which authority, through which service. */
export interface ClientApiContext {
  actor: ManagementActor;
  provider: string;
  adapter: ProviderAdapter;
  /** RFC 7591 initial access token from the providers file (`management.initialAccessTokenEnv`). */
  initialAccessToken?: string;
  authority: ManagementAuthorityService;
  /** Resolved lazily: RFC 7592 calls use the registration access token instead. */
  resolveAuthority(): Promise<ManagementAuthority>;
  /** The BFF's record of this client, for providers whose upstream cannot read it back. */
  record?: ClientApplicationEntity;
  /** The registration access token of `record`, decrypted (generic only). */
  registrationAccessToken?: string;
}

export interface PageRequest {
  size?: number;
  number?: number;
}

/** A newly created client (or a new secret): the secret is handed to the caller once and never stored. */
export interface ClientWithSecret {
  client: ClientDto;
  secret?: string;
  /** RFC 7592: where and with what to manage the client later (stored encrypted, never returned). */
  registration?: { accessToken: string; clientUri?: string };
}

/**
 * One provider kind's client-management wire format. A method exists only where
 * the adapter's `clientManagement` flag says the provider can do it.
 */
export interface ClientApi {
  list?(ctx: ClientApiContext, page: PageRequest): Promise<ClientPageDto>;
  get?(ctx: ClientApiContext, clientId: string): Promise<ClientDto>;
  create?(ctx: ClientApiContext, input: ClientInputDto): Promise<ClientWithSecret>;
  /** `registration` is set when the upstream rotated the RFC 7592 registration access token. */
  update?(ctx: ClientApiContext, clientId: string, input: ClientInputDto): Promise<ClientDto & { registration?: ClientWithSecret['registration'] }>;
  delete?(ctx: ClientApiContext, clientId: string): Promise<void>;
  regenerateSecret?(ctx: ClientApiContext, clientId: string): Promise<ClientWithSecret>;
  scopes?(ctx: ClientApiContext, language: string): Promise<{ items: ScopeDto[]; language: string }>;
  scope?(ctx: ClientApiContext, scopeId: string, language: string): Promise<ScopeDto>;
  authorizations?(ctx: ClientApiContext, language: string): Promise<{ items: AuthorizationDto[]; language: string }>;
  authorization?(ctx: ClientApiContext, clientId: string, language: string): Promise<AuthorizationDto>;
}
