import { DomainError } from '../../common/errors/domain-error.js';
import { record } from '../../providers/http/map-failure.js';
import type { ManagementCall } from '../authority/management-call.js';
import type { ClientInputDto } from '../dto/client-request.dto.js';
import type { ClientDto } from '../dto/client.dto.js';
import { fromRegistryRow } from '../registry/client-application.mapper.js';
import type { ClientApi, ClientApiContext } from './client-api.js';

const apps = (userId: string) => `/v1/user/${encodeURIComponent(userId)}/developer_applications`;

/**
 * The BlueJeans `user_id` the applications live under: the record's owner for an
 * existing application, else the caller's linked account. With the ops app token
 * (an enterprise token naming no user) a new application still needs the caller's link.
 */
async function userIdFor(ctx: ClientApiContext): Promise<string> {
  const owner = record(record(ctx.record?.facts.providerFields).bluejeans).ownerUserId;
  if (typeof owner === 'string' && owner) return owner;
  const subject = (await ctx.resolveAuthority()).subject;
  if (subject && /^\d+$/.test(subject)) return subject;
  throw new DomainError('provider_user_unknown', 409, `${ctx.provider} developer applications belong to a user; link a ${ctx.provider} user account first.`, { provider: ctx.provider, loginUrl: `/v1/auth/${encodeURIComponent(ctx.provider)}/login` });
}

async function call(ctx: ClientApiContext, request: ManagementCall): Promise<unknown> {
  return (await ctx.authority.send(ctx.actor, ctx.provider, request, await ctx.resolveAuthority())).body;
}

/** The `Application` model; the secret is taken apart by the caller, never kept here. */
function toApplication(input: ClientInputDto): Record<string, unknown> {
  return {
    appName: input.name,
    ...(input.description !== undefined ? { description: input.description } : {}),
    ...(input.providerFields?.bluejeans?.appLogoUrl ? { appLogoUrl: input.providerFields.bluejeans.appLogoUrl } : {}),
    redirectUrls: input.redirectUris ?? [],
  };
}

function fromApplication(provider: string, ownerUserId: string, value: unknown): ClientDto {
  const app = record(value);
  const urls = Array.isArray(app.redirectUrls) ? app.redirectUrls.filter((u): u is string => typeof u === 'string') : [];
  return {
    provider,
    id: String(app.clientId ?? ''),
    name: String(app.appName ?? ''),
    ...(typeof app.description === 'string' ? { description: app.description } : {}),
    redirectUris: urls,
    grantTypes: ['authorization_code', 'refresh_token'],
    scopes: [],
    source: 'bff-registry',
    providerFields: { bluejeans: { ownerUserId, ...(typeof app.appLogoUrl === 'string' && app.appLogoUrl ? { appLogoUrl: app.appLogoUrl } : {}) } },
  };
}

const secretOf = (body: unknown) => {
  const secret = record(body).clientSecret;
  return typeof secret === 'string' ? secret : undefined;
};

/** BlueJeans developer applications: create, update and regenerate; list and read come from the BFF registry. */
export const bluejeansClientApi: ClientApi = {
  async create(ctx, input) {
    const userId = await userIdFor(ctx);
    const body = await call(ctx, { method: 'POST', path: apps(userId), json: toApplication(input), operation: 'create a developer application', ok: [200, 201] });
    return { client: fromApplication(ctx.provider, userId, body), secret: secretOf(body) };
  },

  async update(ctx, clientId, input) {
    const userId = await userIdFor(ctx);
    const body = await call(ctx, { method: 'PUT', path: `${apps(userId)}/${encodeURIComponent(clientId)}`, json: toApplication(input), operation: 'update the developer application' });
    return fromApplication(ctx.provider, userId, body);
  },

  async regenerateSecret(ctx, clientId) {
    const userId = await userIdFor(ctx);
    const body = await call(ctx, { method: 'PUT', path: `${apps(userId)}/${encodeURIComponent(clientId)}/secret`, operation: 'regenerate the application secret' });
    // ApplicationSecret is {clientId, clientSecret}: the rest comes from the BFF's record.
    if (!ctx.record) throw new DomainError('client_not_found', 404, `No such client application is recorded for ${ctx.provider}.`, { provider: ctx.provider });
    return { client: fromRegistryRow(ctx.record), secret: secretOf(body) };
  },
};
