import type { SandboxClient } from '../../core/contract.js';
import type { GenesysErrorDetail } from './genesys-errors.js';

export const GRANT_TYPES = ['CODE', 'TOKEN', 'SAML2-BEARER', 'PASSWORD', 'CLIENT-CREDENTIALS'] as const;
export const CLIENT_STATES = ['active', 'disabled', 'inactive'] as const;
export const MIN_TOKEN_VALIDITY = 300;
export const MAX_TOKEN_VALIDITY = 172800;
export const DEFAULT_TOKEN_VALIDITY = 86400;

export interface RoleDivision {
  roleId: string;
  divisionId: string;
}

/** A validated OAuthClientRequest with the documented defaults applied. */
export interface OAuthClientRequest {
  name: string;
  authorizedGrantType: (typeof GRANT_TYPES)[number];
  accessTokenValiditySeconds: number;
  description?: string;
  registeredRedirectUri: string[];
  roleIds: string[];
  scope: string[];
  roleDivisions: RoleDivision[];
  state: (typeof CLIENT_STATES)[number];
  dateToDelete?: string;
}

export interface DomainEntityRef {
  id: string;
  name?: string;
  selfUri: string;
}

export interface OAuthClient extends OAuthClientRequest {
  id: string;
  secret: string;
  dateCreated: string;
  dateModified: string;
  createdBy: DomainEntityRef;
  modifiedBy: DomainEntityRef;
  selfUri: string;
}

type Validation = { ok: true; value: OAuthClientRequest } | { ok: false; details: GenesysErrorDetail[] };

const isStringArray = (v: unknown): v is string[] => Array.isArray(v) && v.every((x) => typeof x === 'string');

/** Validates a request body the way the platform does: every bad field is reported in `details`. */
export function validateClientRequest(body: unknown): Validation {
  const input = (typeof body === 'object' && body !== null ? body : {}) as Record<string, unknown>;
  const details: GenesysErrorDetail[] = [];
  const fail = (fieldName: string, errorCode: string) => details.push({ errorCode, fieldName });

  if (typeof input.name !== 'string' || input.name.trim() === '') fail('name', 'required');
  if (!GRANT_TYPES.includes(input.authorizedGrantType as never)) {
    fail('authorizedGrantType', input.authorizedGrantType === undefined ? 'required' : 'invalid.value');
  }
  const validity = input.accessTokenValiditySeconds ?? DEFAULT_TOKEN_VALIDITY;
  if (!Number.isInteger(validity) || (validity as number) < MIN_TOKEN_VALIDITY || (validity as number) > MAX_TOKEN_VALIDITY) {
    fail('accessTokenValiditySeconds', 'out.of.range');
  }
  if (input.state !== undefined && !CLIENT_STATES.includes(input.state as never)) fail('state', 'invalid.value');
  if (input.description !== undefined && typeof input.description !== 'string') fail('description', 'invalid.value');
  if (input.dateToDelete !== undefined && (typeof input.dateToDelete !== 'string' || Number.isNaN(Date.parse(input.dateToDelete)))) {
    fail('dateToDelete', 'invalid.value');
  }
  for (const field of ['registeredRedirectUri', 'roleIds', 'scope'] as const) {
    if (input[field] !== undefined && !isStringArray(input[field])) fail(field, 'invalid.value');
  }
  const redirects = isStringArray(input.registeredRedirectUri) ? input.registeredRedirectUri : [];
  if (redirects.some((uri) => !URL.canParse(uri))) fail('registeredRedirectUri', 'invalid.value');
  // Browser grants cannot work without somewhere to send the user back.
  if ((input.authorizedGrantType === 'CODE' || input.authorizedGrantType === 'TOKEN') && redirects.length === 0) {
    fail('registeredRedirectUri', 'required');
  }
  const divisions = input.roleDivisions ?? [];
  const divisionsOk =
    Array.isArray(divisions) &&
    divisions.every((d: unknown) => typeof (d as RoleDivision)?.roleId === 'string' && typeof (d as RoleDivision)?.divisionId === 'string');
  if (!divisionsOk) fail('roleDivisions', 'invalid.value');

  if (details.length > 0) return { ok: false, details };
  return {
    ok: true,
    value: {
      name: (input.name as string).trim(),
      authorizedGrantType: input.authorizedGrantType as OAuthClientRequest['authorizedGrantType'],
      accessTokenValiditySeconds: validity as number,
      ...(input.description !== undefined ? { description: input.description as string } : {}),
      registeredRedirectUri: redirects,
      roleIds: (input.roleIds as string[] | undefined) ?? [],
      scope: (input.scope as string[] | undefined) ?? [],
      roleDivisions: divisions as RoleDivision[],
      state: (input.state as OAuthClientRequest['state'] | undefined) ?? 'active',
      ...(input.dateToDelete !== undefined ? { dateToDelete: input.dateToDelete as string } : {}),
    },
  };
}

/** Seeded clients spell grants either way; map them to the platform's enum. */
export function grantTypeOf(client: SandboxClient): OAuthClientRequest['authorizedGrantType'] {
  if (allowsGrant(client, 'CODE')) return 'CODE';
  if (allowsGrant(client, 'CLIENT-CREDENTIALS')) return 'CLIENT-CREDENTIALS';
  const first = normalizeGrant(client.grants[0] ?? 'CODE');
  return GRANT_TYPES.find((g) => g === first) ?? 'CODE';
}

const normalizeGrant = (grant: string) => grant.toUpperCase().replace(/_/g, '-');

export function allowsGrant(client: SandboxClient, grant: 'CODE' | 'CLIENT-CREDENTIALS'): boolean {
  const aliases = grant === 'CODE' ? ['CODE', 'AUTHORIZATION-CODE'] : ['CLIENT-CREDENTIALS'];
  return client.grants.some((g) => aliases.includes(normalizeGrant(g)));
}

/** The core's view of a Genesys client, so login and token endpoints see API-made clients too. */
export function toSandboxClient(client: OAuthClient): SandboxClient {
  return {
    provider: 'genesys',
    clientId: client.id,
    clientSecret: client.secret,
    name: client.name,
    redirectUris: client.registeredRedirectUri,
    scopes: client.scope,
    grants: [client.authorizedGrantType],
  };
}
