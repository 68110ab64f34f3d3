import { DomainError } from '../../common/errors/domain-error.js';
import { ErrorCode } from '../../common/errors/error-code.js';
import { record } from '../../providers/http/map-failure.js';
import type { ClientInputDto, GrantType } from '../dto/client-request.dto.js';
import type { AuthorizationDto, ClientDto, EntityRefDto, ScopeDto } from '../dto/client.dto.js';

const TO_GENESYS: Record<GrantType, string | undefined> = {
  authorization_code: 'CODE',
  implicit: 'TOKEN',
  password: 'PASSWORD',
  client_credentials: 'CLIENT-CREDENTIALS',
  saml2_bearer: 'SAML2-BEARER',
  refresh_token: undefined,
};
const FROM_GENESYS = Object.fromEntries(Object.entries(TO_GENESYS).filter(([, v]) => v).map(([k, v]) => [v, k])) as Record<string, GrantType>;

const strings = (value: unknown): string[] => (Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : []);
const text = (value: unknown): string | undefined => (typeof value === 'string' ? value : undefined);

function ref(value: unknown): EntityRefDto | undefined {
  const r = record(value);
  return typeof r.id === 'string' ? { id: r.id, ...(typeof r.name === 'string' ? { name: r.name } : {}) } : undefined;
}

/** Genesys takes exactly one `authorizedGrantType`: its own rule, checked before the call. */
export function toGenesysRequest(input: ClientInputDto): Record<string, unknown> {
  const grants = input.grantTypes ?? [];
  const grant = grants.length === 1 ? TO_GENESYS[grants[0]] : undefined;
  if (!grant) {
    throw new DomainError(ErrorCode.ValidationFailed, 400, 'Invalid request body: grantTypes.', {
      errors: [{ field: 'grantTypes', problems: ['genesysNeedsExactlyOneOf authorization_code, implicit, password, client_credentials, saml2_bearer'] }],
    });
  }
  const genesys = input.providerFields?.genesys;
  return {
    name: input.name,
    authorizedGrantType: grant,
    ...(input.description !== undefined ? { description: input.description } : {}),
    ...(input.accessTokenValiditySeconds !== undefined ? { accessTokenValiditySeconds: input.accessTokenValiditySeconds } : {}),
    registeredRedirectUri: input.redirectUris ?? [],
    scope: input.scopes ?? [],
    ...(input.state ? { state: input.state } : {}),
    ...(genesys?.roleIds ? { roleIds: genesys.roleIds } : {}),
    ...(genesys?.roleDivisions ? { roleDivisions: genesys.roleDivisions.map((d) => ({ roleId: d.roleId, divisionId: d.divisionId })) } : {}),
    ...(genesys?.dateToDelete ? { dateToDelete: genesys.dateToDelete } : {}),
  };
}

/** An `OAuthClient` as the normalised DTO; its `secret` is deliberately dropped. */
export function fromGenesysClient(provider: string, value: unknown): ClientDto {
  const c = record(value);
  const grant = FROM_GENESYS[String(c.authorizedGrantType)];
  const state = text(c.state);
  return {
    provider,
    id: String(c.id ?? ''),
    name: String(c.name ?? ''),
    ...(text(c.description) !== undefined ? { description: text(c.description) } : {}),
    redirectUris: strings(c.registeredRedirectUri),
    grantTypes: grant ? [grant] : [],
    scopes: strings(c.scope),
    ...(state === 'active' || state === 'disabled' || state === 'inactive' ? { state } : {}),
    ...(typeof c.accessTokenValiditySeconds === 'number' ? { accessTokenValiditySeconds: c.accessTokenValiditySeconds } : {}),
    ...(text(c.dateCreated) ? { createdAt: text(c.dateCreated) } : {}),
    ...(text(c.dateModified) ? { modifiedAt: text(c.dateModified) } : {}),
    source: 'upstream',
    providerFields: {
      genesys: {
        roleIds: strings(c.roleIds),
        roleDivisions: (Array.isArray(c.roleDivisions) ? c.roleDivisions : []).map(record).map((d) => ({ roleId: String(d.roleId ?? ''), divisionId: String(d.divisionId ?? '') })),
        ...(text(c.dateToDelete) ? { dateToDelete: text(c.dateToDelete) } : {}),
        ...(ref(c.createdBy) ? { createdBy: ref(c.createdBy) } : {}),
        ...(ref(c.modifiedBy) ? { modifiedBy: ref(c.modifiedBy) } : {}),
      },
    },
  };
}

export function fromGenesysScope(value: unknown): ScopeDto {
  const s = record(value);
  return { id: String(s.id ?? ''), ...(text(s.description) !== undefined ? { description: text(s.description) } : {}) };
}

export function fromGenesysAuthorization(value: unknown): AuthorizationDto {
  const a = record(value);
  return {
    client: ref(a.client) ?? { id: '' },
    scopes: strings(a.scope),
    roles: (Array.isArray(a.roles) ? a.roles : []).map(ref).filter((r): r is EntityRefDto => r !== undefined),
    ...(text(a.state) ? { state: text(a.state) } : {}),
    ...(typeof a.pending === 'boolean' ? { pending: a.pending } : {}),
    ...(text(a.dateCreated) ? { createdAt: text(a.dateCreated) } : {}),
    ...(text(a.dateModified) ? { modifiedAt: text(a.dateModified) } : {}),
  };
}

export const entitiesOf = (body: unknown): unknown[] => {
  const entities = record(body).entities;
  return Array.isArray(entities) ? entities : [];
};
