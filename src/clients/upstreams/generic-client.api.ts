import { DomainError } from '../../common/errors/domain-error.js';
import { record } from '../../providers/http/map-failure.js';
import type { ManagementCall } from '../authority/management-call.js';
import type { ClientInputDto, GrantType } from '../dto/client-request.dto.js';
import type { ClientDto } from '../dto/client.dto.js';
import type { ClientApi, ClientApiContext, ClientWithSecret } from './client-api.js';

const STANDARD_GRANTS = new Set<GrantType>(['authorization_code', 'implicit', 'password', 'client_credentials', 'refresh_token']);
const strings = (value: unknown): string[] => (Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : []);

/** RFC 7591 §2 client metadata from the normalised input. */
function toMetadata(input: ClientInputDto, clientId?: string): Record<string, unknown> {
  const grants = (input.grantTypes ?? ['authorization_code']).filter((g) => STANDARD_GRANTS.has(g));
  const responseTypes = grants.includes('authorization_code') ? ['code'] : [];
  return {
    ...(clientId ? { client_id: clientId } : {}),
    client_name: input.name,
    redirect_uris: input.redirectUris ?? [],
    grant_types: grants,
    response_types: responseTypes,
    ...(input.scopes?.length ? { scope: input.scopes.join(' ') } : {}),
  };
}

/** An RFC 7591 client information response; `client_secret` and `registration_access_token` are taken apart, never mapped. */
function fromMetadata(provider: string, value: unknown): ClientDto {
  const m = record(value);
  const issuedAt = typeof m.client_id_issued_at === 'number' ? new Date(m.client_id_issued_at * 1000).toISOString() : undefined;
  return {
    provider,
    id: String(m.client_id ?? ''),
    name: typeof m.client_name === 'string' ? m.client_name : String(m.client_id ?? ''),
    redirectUris: strings(m.redirect_uris),
    grantTypes: strings(m.grant_types).filter((g): g is GrantType => STANDARD_GRANTS.has(g as GrantType)),
    scopes: typeof m.scope === 'string' ? m.scope.split(' ').filter(Boolean) : [],
    ...(issuedAt ? { createdAt: issuedAt } : {}),
    source: 'upstream',
    providerFields: {
      generic: {
        ...(typeof m.token_endpoint_auth_method === 'string' ? { tokenEndpointAuthMethod: m.token_endpoint_auth_method } : {}),
        ...(typeof m.client_secret_expires_at === 'number' ? { clientSecretExpiresAt: m.client_secret_expires_at } : {}),
      },
    },
  };
}

function registrationOf(body: unknown, fallbackUri?: string): ClientWithSecret['registration'] {
  const m = record(body);
  if (typeof m.registration_access_token !== 'string') return undefined;
  return { accessToken: m.registration_access_token, clientUri: typeof m.registration_client_uri === 'string' ? m.registration_client_uri : fallbackUri };
}

async function registrationEndpoint(ctx: ClientApiContext): Promise<string> {
  const endpoint = await ctx.adapter.registrationEndpoint?.();
  if (!endpoint) throw new DomainError('capability_not_supported', 404, `${ctx.adapter.displayName} (${ctx.provider}) offers no API to create OAuth clients.`, { provider: ctx.provider, capability: 'create OAuth clients' });
  return endpoint;
}

/**
 * RFC 7592 calls go to the registration client URI the server gave, but only on the
 * registration endpoint's origin: a stored URI pointing elsewhere would send the
 * registration access token to a stranger.
 */
async function clientUri(ctx: ClientApiContext, clientId: string): Promise<string> {
  const endpoint = await registrationEndpoint(ctx);
  const stored = ctx.record?.registrationClientUri;
  if (stored && URL.canParse(stored) && new URL(stored).origin === new URL(endpoint).origin) return stored;
  return `${endpoint.replace(/\/+$/, '')}/${encodeURIComponent(clientId)}`;
}

async function manage(ctx: ClientApiContext, clientId: string, request: Omit<ManagementCall, 'url'>): Promise<{ body: unknown; url: string }> {
  if (!ctx.registrationAccessToken) throw new DomainError('client_not_manageable', 409, `The BFF holds no registration access token for this ${ctx.provider} client.`, { provider: ctx.provider });
  const url = await clientUri(ctx, clientId);
  const result = await ctx.authority.sendWithCredential(ctx.provider, { ...request, url }, ctx.registrationAccessToken);
  return { body: result.body, url };
}

/** RFC 7591 registration and RFC 7592 management; the BFF registry lists what it registered. */
export const genericClientApi: ClientApi = {
  async create(ctx, input) {
    const url = await registrationEndpoint(ctx);
    const call: ManagementCall = { method: 'POST', url, json: toMetadata(input), operation: 'register a client', ok: [200, 201] };
    const { body } = await ctx.authority.sendWithCredential(ctx.provider, call, ctx.initialAccessToken);
    const secret = record(body).client_secret;
    const client = fromMetadata(ctx.provider, body);
    return { client, ...(typeof secret === 'string' ? { secret } : {}), registration: registrationOf(body, `${url.replace(/\/+$/, '')}/${encodeURIComponent(client.id)}`) };
  },

  async get(ctx, clientId) {
    const { body } = await manage(ctx, clientId, { method: 'GET', operation: 'read the client registration' });
    return { ...fromMetadata(ctx.provider, body), source: 'upstream' };
  },

  async update(ctx, clientId, input) {
    const { body, url } = await manage(ctx, clientId, { method: 'PUT', json: toMetadata(input, clientId), operation: 'update the client registration' });
    // Servers may rotate the registration access token on update (RFC 7592 §2.2).
    return { ...fromMetadata(ctx.provider, body), registration: registrationOf(body, url) };
  },

  async delete(ctx, clientId) {
    await manage(ctx, clientId, { method: 'DELETE', operation: 'delete the client registration', ok: [200, 204] });
  },
};
