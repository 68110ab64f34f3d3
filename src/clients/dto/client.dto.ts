import { ApiProperty } from '@nestjs/swagger';
import { CLIENT_STATES, GRANT_TYPES, type GrantType } from './client-request.dto.js';

export class EntityRefDto {
  id: string;
  name?: string;
}

export class GenesysClientFieldsDto {
  roleIds: string[];
  roleDivisions: { roleId: string; divisionId: string }[];
  /** ISO 8601, when Genesys will delete the client. */
  dateToDelete?: string;
  createdBy?: EntityRefDto;
  modifiedBy?: EntityRefDto;
}

export class BlueJeansClientFieldsDto {
  appLogoUrl?: string;
  /** The BlueJeans user the application belongs to. */
  ownerUserId: string;
}

export class GenericClientFieldsDto {
  tokenEndpointAuthMethod?: string;
  /** Epoch seconds at which the secret expires (0 = never), per RFC 7591. */
  clientSecretExpiresAt?: number;
}

/** What only one provider has; exactly the provider's own member is present. */
export class ProviderFieldsDto {
  genesys?: GenesysClientFieldsDto;
  bluejeans?: BlueJeansClientFieldsDto;
  generic?: GenericClientFieldsDto;
}

/** One OAuth client application, the same shape for every provider. Never carries a secret. */
export class ClientDto {
  /** @example "genesys" */
  provider: string;
  /** The upstream client id. @example "4f0c1a52-7d57-4c07-9a1d-8f2b7e1c3a90" */
  id: string;
  /** @example "Reporting dashboard" */
  name: string;
  description?: string;
  redirectUris: string[];
  // Explicit enum: the swagger plugin orders a union type differently under nest build and ts-jest.
  @ApiProperty({ enum: GRANT_TYPES, isArray: true, example: ['authorization_code'] })
  grantTypes: GrantType[];
  scopes: string[];
  state?: (typeof CLIENT_STATES)[number];
  accessTokenValiditySeconds?: number;
  /** ISO 8601 */
  createdAt?: string;
  /** ISO 8601 */
  modifiedAt?: string;
  /** `upstream`: read from the provider; `bff-registry`: the provider cannot list or read clients, this is the BFF's own record. */
  source: 'upstream' | 'bff-registry';
  providerFields: ProviderFieldsDto;
}

/** Returned only by create and regenerate, once, with Cache-Control: no-store. */
export class ClientWithSecretDto extends ClientDto {
  /** The client secret. Shown this once; the BFF does not keep it. */
  secret: string;
}

export class PageDto {
  /** 1-based. */
  number: number;
  size: number;
  /** Total items, when the provider says. */
  total?: number;
  pageCount?: number;
  hasNext: boolean;
}

export class ClientPageDto {
  items: ClientDto[];
  page: PageDto;
  source: 'upstream' | 'bff-registry';
}

export class ScopeDto {
  /** @example "analytics:readonly" */
  id: string;
  description?: string;
}

export class ScopeListDto {
  items: ScopeDto[];
  total: number;
  /** The language the provider answered in. @example "en-us" */
  language: string;
}

export class AuthorizationDto {
  client: EntityRefDto;
  scopes: string[];
  roles: EntityRefDto[];
  /** `Unauthorized`, `Requested`, `Authorized` or `Revoked`. */
  state?: string;
  pending?: boolean;
  createdAt?: string;
  modifiedAt?: string;
}

export class AuthorizationListDto {
  items: AuthorizationDto[];
  total: number;
  language: string;
}

