import { record } from '../../providers/http/map-failure.js';
import type { ManagementCall } from '../authority/management-call.js';
import type { ClientInputDto } from '../dto/client-request.dto.js';
import type { ClientApi, ClientApiContext, ClientWithSecret } from './client-api.js';
import { entitiesOf, fromGenesysAuthorization, fromGenesysClient, fromGenesysScope, toGenesysRequest } from './genesys-client.mapper.js';

const CLIENTS = '/api/v2/oauth/clients';
const id = (value: string) => `/${encodeURIComponent(value)}`;

async function call<T = unknown>(ctx: ClientApiContext, request: ManagementCall): Promise<{ body: T; headers: Headers }> {
  const result = await ctx.authority.send<T>(ctx.actor, ctx.provider, request, await ctx.resolveAuthority());
  return { body: result.body, headers: result.headers };
}

function withSecret(ctx: ClientApiContext, body: unknown): ClientWithSecret {
  const secret = record(body).secret;
  return { client: fromGenesysClient(ctx.provider, body), ...(typeof secret === 'string' ? { secret } : {}) };
}

const languageHeader = (language: string) => ({ 'accept-language': language });
const answeredLanguage = (headers: Headers, asked: string) => headers.get('content-language') ?? asked;

/** Genesys Cloud `/api/v2/oauth/...` with the documented permissions (UPSTREAMS.md). */
export const genesysClientApi: ClientApi = {
  async list(ctx, page) {
    const query = { pageSize: page.size?.toString(), pageNumber: page.number?.toString() };
    const { body } = await call(ctx, { method: 'GET', path: CLIENTS, query, operation: 'list OAuth clients', permission: 'oauth:client:view' });
    const b = record(body);
    const number = typeof b.pageNumber === 'number' ? b.pageNumber : (page.number ?? 1);
    const pageCount = typeof b.pageCount === 'number' ? b.pageCount : undefined;
    return {
      items: entitiesOf(body).map((c) => fromGenesysClient(ctx.provider, c)),
      page: {
        number,
        size: typeof b.pageSize === 'number' ? b.pageSize : (page.size ?? 25),
        ...(typeof b.total === 'number' ? { total: b.total } : {}),
        ...(pageCount !== undefined ? { pageCount } : {}),
        hasNext: typeof b.nextUri === 'string' || (pageCount !== undefined && number < pageCount),
      },
      source: 'upstream',
    };
  },

  async get(ctx, clientId) {
    const { body } = await call(ctx, { method: 'GET', path: CLIENTS + id(clientId), operation: 'read the OAuth client', permission: 'oauth:client:view' });
    return fromGenesysClient(ctx.provider, body);
  },

  async create(ctx, input: ClientInputDto) {
    const json = toGenesysRequest(input);
    const { body } = await call(ctx, { method: 'POST', path: CLIENTS, json, operation: 'create an OAuth client', permission: 'oauth:client:add' });
    return withSecret(ctx, body);
  },

  async update(ctx, clientId, input) {
    const json = toGenesysRequest(input);
    const { body } = await call(ctx, { method: 'PUT', path: CLIENTS + id(clientId), json, operation: 'update the OAuth client', permission: 'oauth:client:edit' });
    return fromGenesysClient(ctx.provider, body);
  },

  async delete(ctx, clientId) {
    await call(ctx, { method: 'DELETE', path: CLIENTS + id(clientId), operation: 'delete the OAuth client', permission: 'oauth:client:delete' });
  },

  async regenerateSecret(ctx, clientId) {
    const { body } = await call(ctx, { method: 'POST', path: `${CLIENTS}${id(clientId)}/secret`, operation: 'regenerate the client secret', permission: 'oauth:client:edit' });
    return withSecret(ctx, body);
  },

  async scopes(ctx, language) {
    const { body, headers } = await call(ctx, { method: 'GET', path: '/api/v2/oauth/scopes', headers: languageHeader(language), operation: 'list OAuth scopes' });
    return { items: entitiesOf(body).map(fromGenesysScope), language: answeredLanguage(headers, language) };
  },

  async scope(ctx, scopeId, language) {
    const { body } = await call(ctx, { method: 'GET', path: `/api/v2/oauth/scopes${id(scopeId)}`, headers: languageHeader(language), operation: 'read the OAuth scope' });
    return fromGenesysScope(body);
  },

  async authorizations(ctx, language) {
    const request: ManagementCall = { method: 'GET', path: '/api/v2/oauth/authorizations', headers: languageHeader(language), operation: 'list authorizations', permission: 'oauth:client:authorize' };
    const { body, headers } = await call(ctx, request);
    return { items: entitiesOf(body).map(fromGenesysAuthorization), language: answeredLanguage(headers, language) };
  },

  async authorization(ctx, clientId, language) {
    const request: ManagementCall = { method: 'GET', path: `/api/v2/oauth/authorizations${id(clientId)}`, headers: languageHeader(language), operation: 'read the authorization', permission: 'oauth:client:authorize' };
    return fromGenesysAuthorization((await call(ctx, request)).body);
  },
};
